{{/*
The resources every service has, from a component context (see _helpers.tpl) plus:
  env      YAML list entries of the component's own environment variables
  volumes  YAML list entries of the component's own volumes
  mounts   YAML list entries of the component's own volume mounts
  ports    YAML list entries of extra container ports
  secretChecksum  text whose checksum restarts the pods when it changes (configured key names, not key material)
*/}}

{{/*
Environment shared by the three services (component context). Spring Boot binds every environment variable to
its key (ARCA_KBS_AS_URL -> arca.kbs.as-url), and the environment wins over the mounted application.yaml.
*/}}
{{- define "arca.commonEnv" -}}
{{- $root := .root -}}
- name: SERVER_ADDRESS
  value: 0.0.0.0
- name: SERVER_PORT
  value: {{ .port | quote }}
- name: ARCA_DATA_DIR
  value: /data
# actuator (health, info, Prometheus metrics) on its own plain-HTTP port, which the NetworkPolicy keeps in-cluster
# (docs/deployment.md "Management port"); the service port then answers only the API
- name: MANAGEMENT_SERVER_PORT
  value: {{ $root.Values.management.port | quote }}
- name: MANAGEMENT_SERVER_ADDRESS
  value: 0.0.0.0
- name: MANAGEMENT_SERVER_SSL_ENABLED
  value: "false"
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: optional:file:/etc/arca/config/
- name: ARCA_ADMIN_REQUIRED_ROLE
  value: {{ $root.Values.admin.requiredRole | quote }}
{{- with include "arca.adminKeyFiles" $root }}
- name: ARCA_ADMIN_PUBLIC_KEY_FILES
  value: {{ . | quote }}
{{- end }}
{{- if $root.Values.postgresql.enabled }}
- name: SPRING_DATASOURCE_URL
  value: {{ include "arca.jdbcUrl" . | quote }}
- name: SPRING_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "arca.postgresqlSecretName" $root }}
      key: {{ $root.Values.postgresql.usernameKey }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "arca.postgresqlSecretName" $root }}
      key: {{ $root.Values.postgresql.passwordKey }}
# each service migrates its own schema, so the three Flyway histories never meet
- name: SPRING_FLYWAY_SCHEMAS
  value: {{ .values.database.schema | quote }}
{{- end }}
{{- with .values.javaOpts }}
- name: JDK_JAVA_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- end }}

{{- define "arca.probe" -}}
httpGet:
  path: {{ .path }}
  port: management
  scheme: HTTP
{{ toYaml .timing }}
{{- end }}

{{- define "arca.deployment" -}}
{{- $root := .root }}
{{- $v := .values }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "arca.componentName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "arca.componentLabels" . | nindent 4 }}
spec:
  {{- if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  {{- if include "arca.usesClaim" . }}
  # an H2 file on a ReadWriteOnce volume: the old pod must release it before the new one starts
  strategy:
    type: Recreate
  {{- else }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  {{- end }}
  selector:
    matchLabels:
      {{- include "arca.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "arca.componentLabels" . | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ toYaml $v.config | sha256sum }}
        checksum/secrets: {{ .secretChecksum | sha256sum }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "arca.serviceAccountName" $root }}
      {{- if .serviceAccountToken }}
      # for the Events about refused declarative files: the token may create Events and nothing else
      automountServiceAccountToken: true
      {{- else }}
      # this service does not call the Kubernetes API
      automountServiceAccountToken: false
      {{- end }}
      # no <SERVICE>_PORT=tcp://... variables: Spring Boot would read them as configuration keys
      enableServiceLinks: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      {{- with $v.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      terminationGracePeriodSeconds: 40
      containers:
        - name: {{ .component }}
          image: {{ include "arca.image" (dict "root" $root "image" $v.image) | quote }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ .port }}
              protocol: TCP
            - name: management
              containerPort: {{ $root.Values.management.port }}
              protocol: TCP
            {{- with .ports }}
            {{- . | nindent 12 }}
            {{- end }}
          env:
            {{- include "arca.commonEnv" . | nindent 12 }}
            {{- with .env }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with $v.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          startupProbe:
            {{- include "arca.probe" (dict "path" "/actuator/health/liveness" "timing" $root.Values.probes.startup) | nindent 12 }}
          livenessProbe:
            {{- include "arca.probe" (dict "path" "/actuator/health/liveness" "timing" $root.Values.probes.liveness) | nindent 12 }}
          readinessProbe:
            {{- include "arca.probe" (dict "path" "/actuator/health/readiness" "timing" $root.Values.probes.readiness) | nindent 12 }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            # the root file system is read-only: the service writes only here
            - name: data
              mountPath: /data
            - name: tmp
              mountPath: /tmp
            - name: config
              mountPath: /etc/arca/config
              readOnly: true
            {{- if include "arca.adminSecretName" $root }}
            - name: admin-keys
              mountPath: /etc/arca/admin
              readOnly: true
            {{- end }}
            {{- with .mounts }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with $v.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - name: data
          {{- if include "arca.usesClaim" . }}
          persistentVolumeClaim:
            claimName: {{ $v.persistence.existingClaim | default (include "arca.componentName" .) }}
          {{- else }}
          emptyDir: {}
          {{- end }}
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
        - name: config
          configMap:
            name: {{ include "arca.componentName" . }}
        {{- with include "arca.adminSecretName" $root }}
        - name: admin-keys
          secret:
            secretName: {{ . }}
            defaultMode: 0440
            items:
              {{- range (include "arca.adminKeyNames" $root | trim | splitList "\n") }}
              - key: {{ . }}
                path: {{ . }}
              {{- end }}
        {{- end }}
        {{- with .volumes }}
        {{- . | nindent 8 }}
        {{- end }}
        {{- with $v.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if $v.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- $selector := dict "matchLabels" (include "arca.selectorLabels" . | fromYaml) }}
        {{- range $v.topologySpreadConstraints }}
        {{- $constraint := deepCopy . }}
        {{- if not (hasKey $constraint "labelSelector") }}
        {{- $_ := set $constraint "labelSelector" $selector }}
        {{- end }}
        - {{ toYaml $constraint | indent 10 | trim }}
        {{- end }}
      {{- end }}
{{- end }}

{{- define "arca.service" -}}
{{- $v := .values }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "arca.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "arca.componentLabels" . | nindent 4 }}
  {{- with $v.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ $v.service.type }}
  {{- with .sessionAffinity }}
  sessionAffinity: {{ . }}
  {{- end }}
  selector:
    {{- include "arca.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $v.service.port }}
      targetPort: http
      protocol: TCP
    - name: management
      port: {{ .root.Values.management.port }}
      targetPort: management
      protocol: TCP
    {{- with .servicePorts }}
    {{- . | nindent 4 }}
    {{- end }}
{{- end }}

{{- define "arca.claim" -}}
{{- if and (include "arca.usesClaim" .) (not .values.persistence.existingClaim) }}
{{- $p := .values.persistence }}
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ include "arca.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "arca.componentLabels" . | nindent 4 }}
  annotations:
    # the H2 database (and, for the KBS, the stored secrets) must outlive an uninstall by mistake
    helm.sh/resource-policy: keep
spec:
  accessModes:
    {{- toYaml $p.accessModes | nindent 4 }}
  {{- with $p.storageClass }}
  storageClassName: {{ . | quote }}
  {{- end }}
  resources:
    requests:
      storage: {{ $p.size }}
{{- end }}
{{- end }}

{{- define "arca.pdb" -}}
{{- if .values.pdb.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "arca.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "arca.componentLabels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .values.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "arca.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}

{{/* The component's application.yaml overrides (values.<component>.config), mounted at /etc/arca/config. */}}
{{- define "arca.configMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "arca.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "arca.componentLabels" . | nindent 4 }}
data:
  application.yaml: |
    # extra Spring Boot configuration from values ({{ .valuesKey }}.config); the environment variables set by the
    # chart take precedence over these keys
    {{- if .values.config }}
    {{- toYaml .values.config | nindent 4 }}
    {{- end }}
{{- end }}

{{/*
Ingress NetworkPolicy of a component: its ports are reachable only from the pods of the components in `from`
(and from networkPolicy.metricsFrom); `open` lets everyone in (the KBS, unless networkPolicy.kbsFrom is set).
*/}}
{{- define "arca.networkPolicy" -}}
{{- $root := .root }}
{{- $ctx := . }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "arca.componentName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "arca.componentLabels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "arca.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
  ingress:
    {{- if .open }}
    - ports:
        {{- include "arca.networkPolicyPorts" . | nindent 8 }}
    {{- else }}
    - from:
        {{- range .from }}
        - podSelector:
            matchLabels:
              {{- include "arca.selectorLabels" (dict "root" $root "component" .) | nindent 14 }}
        {{- end }}
        {{- with .peers }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        {{- include "arca.networkPolicyPorts" . | nindent 8 }}
    {{- end }}
    {{- /* the management port: only from metricsFrom (kubelet probes come from the node, which
           NetworkPolicies do not filter), never from the KBS's guests */}}
    {{- with $root.Values.networkPolicy.metricsFrom }}
    - from:
        {{- toYaml . | nindent 8 }}
      ports:
        - port: management
          protocol: TCP
    {{- end }}
{{- end }}

{{- define "arca.networkPolicyPorts" -}}
- port: http
  protocol: TCP
{{- range .extraPortNames }}
- port: {{ . }}
  protocol: TCP
{{- end }}
{{- end }}

{{- define "arca.serviceMonitor" -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "arca.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "arca.componentLabels" . | nindent 4 }}
    {{- with .root.Values.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "arca.selectorLabels" . | nindent 6 }}
  namespaceSelector:
    matchNames:
      - {{ .root.Release.Namespace }}
  endpoints:
    - port: management
      path: /actuator/prometheus
      scheme: http
      interval: {{ .root.Values.serviceMonitor.interval }}
      scrapeTimeout: {{ .root.Values.serviceMonitor.scrapeTimeout }}
{{- end }}

{{/* HorizontalPodAutoscaler of a component on CPU (values.autoscaling; component context). */}}
{{- define "arca.hpa" -}}
{{- if .values.autoscaling.enabled }}
{{- $a := .values.autoscaling }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "arca.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "arca.componentLabels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "arca.componentName" . }}
  minReplicas: {{ $a.minReplicas }}
  maxReplicas: {{ $a.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $a.targetCPUUtilizationPercentage }}
  behavior:
    # a JVM's start-up burns CPU: wait before scaling down again so new replicas do not flap
    scaleDown:
      stabilizationWindowSeconds: {{ $a.scaleDownStabilizationSeconds }}
{{- end }}
{{- end }}
