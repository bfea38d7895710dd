{{/*
Names, labels and images. A "component context" is a dict:
  root      the chart's top-level context ($)
  component kbs | attestation-service | rvps
  values    that component's values block
  port      the fixed container port (docs/architecture.md: KBS 8080, AS 8081, RVPS 8082)
*/}}

{{- define "arca.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "arca.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "arca.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource of the release (root context). */}}
{{- define "arca.labels" -}}
helm.sh/chart: {{ include "arca.chart" . }}
app.kubernetes.io/name: {{ include "arca.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: arca
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Selector labels of one component (component context). */}}
{{- define "arca.selectorLabels" -}}
app.kubernetes.io/name: {{ include "arca.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* All labels of one component's resources (component context). */}}
{{- define "arca.componentLabels" -}}
{{ include "arca.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Resource name of one component: <fullname>-<component> (component context). */}}
{{- define "arca.componentName" -}}
{{- printf "%s-%s" (include "arca.fullname" .root) .component }}
{{- end }}

{{/* In-cluster base URL of a component's Service: dict root, component, port, scheme. */}}
{{- define "arca.componentUrl" -}}
{{- printf "%s://%s.%s.svc:%v" (.scheme | default "http") (include "arca.componentName" .) .root.Release.Namespace .port }}
{{- end }}

{{/* image reference: dict root, image. global.imageRegistry (a mirror) replaces every image's own registry. */}}
{{- define "arca.image" -}}
{{- $tag := .image.tag | default .root.Chart.AppVersion }}
{{- $registry := .root.Values.global.imageRegistry | default .image.registry }}
{{- if .image.digest }}
{{- printf "%s/%s@%s" $registry .image.repository .image.digest }}
{{- else }}
{{- printf "%s/%s:%s" $registry .image.repository $tag }}
{{- end }}
{{- end }}

{{- define "arca.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "arca.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Name of the Secret with the admin public keys, or "" when no admin key is configured (root context). */}}
{{- define "arca.adminSecretName" -}}
{{- if .Values.admin.existingSecret }}
{{- .Values.admin.existingSecret }}
{{- else if .Values.admin.publicKeys }}
{{- printf "%s-admin" (include "arca.fullname" .) }}
{{- end }}
{{- end }}

{{/* The file names of the admin public keys inside /etc/arca/admin, one per line (root context). */}}
{{- define "arca.adminKeyNames" -}}
{{- if .Values.admin.existingSecret }}
{{- range .Values.admin.existingSecretKeys }}
{{ . }}
{{- end }}
{{- else }}
{{- range $i, $key := .Values.admin.publicKeys }}
{{ printf "admin-%d.pem" $i }}
{{- end }}
{{- end }}
{{- end }}

{{/* Comma-separated paths for arca.admin.public-key-files (root context). */}}
{{- define "arca.adminKeyFiles" -}}
{{- $files := list }}
{{- range (include "arca.adminKeyNames" . | trim | splitList "\n") }}
{{- if . }}
{{- $files = append $files (printf "/etc/arca/admin/%s" .) }}
{{- end }}
{{- end }}
{{- join "," $files }}
{{- end }}

{{- define "arca.postgresqlSecretName" -}}
{{- if .Values.postgresql.existingSecret }}
{{- .Values.postgresql.existingSecret }}
{{- else }}
{{- printf "%s-postgresql" (include "arca.fullname" .) }}
{{- end }}
{{- end }}

{{/* JDBC URL of one component: postgresql.url with currentSchema=<schema> appended (component context). */}}
{{- define "arca.jdbcUrl" -}}
{{- $url := .root.Values.postgresql.url }}
{{- printf "%s%scurrentSchema=%s" $url (ternary "&" "?" (contains "?" $url)) .values.database.schema }}
{{- end }}

{{/* Whether /data of a component is a PersistentVolumeClaim: H2 with persistence on (component context). */}}
{{- define "arca.usesClaim" -}}
{{- if and (not .root.Values.postgresql.enabled) .values.persistence.enabled }}true{{ end }}
{{- end }}

{{/* The Secret with the caller keys: the user's, or the one the chart generates. */}}
{{- define "arca.callersSecretName" -}}
{{- .Values.callerKeys.existingSecret | default (printf "%s-callers" (include "arca.fullname" .)) }}
{{- end }}

{{/* A new EC P-256 private key as PEM PKCS#8 ("PRIVATE KEY"), the only form the Attestation Service reads. */}}
{{- define "arca.generateP256Pkcs8" -}}
{{- (include "arca.generateP256KeyPair" . | fromYaml).key }}
{{- end }}

{{/*
A new P-256 key pair as YAML {key: PKCS#8 PEM, pub: SubjectPublicKeyInfo PEM}, for the token signing key and the
service-to-service caller keys (docs/security.md "Callers of internal APIs").
Sprig's genPrivateKey "ecdsa" makes a P-256 key but encodes it as SEC1 ("EC PRIVATE KEY", RFC 5915). Go's SEC1
encoding of a P-256 key is always 121 bytes, so both wrappers have fixed headers:
  PKCS#8 PrivateKeyInfo (RFC 5958): 30 81 93 | 02 01 00 | 30 13 (id-ecPublicKey, prime256v1) | 04 79 <the SEC1 key>
  SubjectPublicKeyInfo (RFC 5480):   30 59 | 30 13 (id-ecPublicKey, prime256v1) | 03 42 00 <the 65-byte point>
and the point is the SEC1 structure's last 65 bytes (its publicKey member, offset 56).
*/}}
{{- define "arca.generateP256KeyPair" -}}
{{- $sec1Pem := genPrivateKey "ecdsa" }}
{{- $sec1 := regexReplaceAll "-----[A-Z ]+-----|\\s" $sec1Pem "" | b64dec }}
{{- if ne (len $sec1) 121 }}
{{- fail (printf "internal error: unexpected SEC1 P-256 key length %d" (len $sec1)) }}
{{- end }}
{{- $pkcs8 := printf "%s%s" (b64dec "MIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHk=") $sec1 }}
{{- $spki := printf "%s%s" (b64dec "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgA=") (substr 56 121 $sec1) }}
key: {{ printf "-----BEGIN PRIVATE KEY-----\n%s\n-----END PRIVATE KEY-----\n" (b64enc $pkcs8 | wrapWith 64 "\n") | quote }}
pub: {{ printf "-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----\n" (b64enc $spki | wrapWith 64 "\n") | quote }}
{{- end }}

{{/*
Render-time checks, with messages that say what to change. Called from templates/validate.yaml.
*/}}
{{- define "arca.validate" -}}
{{- $components := dict "kbs" .Values.kbs "attestationService" .Values.attestationService "rvps" .Values.rvps }}
{{- range $key := list "kbs" "attestationService" "rvps" }}
{{- $values := index $components $key }}
{{- if and (gt (int $values.replicaCount) 1) (not $.Values.postgresql.enabled) }}
{{- fail (printf "%s.replicaCount=%v needs PostgreSQL: several replicas must share one database, and the built-in H2 database lives on one pod's volume. Set postgresql.enabled=true and postgresql.url (see docs/deployment.md \"Scaling\")." $key $values.replicaCount) }}
{{- end }}
{{- if $values.autoscaling.enabled }}
{{- if not $.Values.postgresql.enabled }}
{{- fail (printf "%s.autoscaling.enabled=true needs PostgreSQL: the replicas it adds must share one database. Set postgresql.enabled=true and postgresql.url (see docs/deployment.md \"Scaling\")." $key) }}
{{- end }}
{{- if lt (int $values.autoscaling.maxReplicas) (int $values.autoscaling.minReplicas) }}
{{- fail (printf "%s.autoscaling.maxReplicas=%v is below minReplicas=%v" $key $values.autoscaling.maxReplicas $values.autoscaling.minReplicas) }}
{{- end }}
{{- end }}
{{- end }}
{{- if .Values.postgresql.enabled }}
{{- if not (hasPrefix "jdbc:postgresql://" .Values.postgresql.url) }}
{{- fail "postgresql.enabled=true needs postgresql.url, a JDBC URL such as jdbc:postgresql://db:5432/arca" }}
{{- end }}
{{- if and (not .Values.postgresql.existingSecret) (not .Values.postgresql.username) }}
{{- fail "postgresql.enabled=true needs credentials: set postgresql.existingSecret, or postgresql.username and postgresql.password" }}
{{- end }}
{{- end }}
{{- if and .Values.kbs.tls.enabled (not .Values.kbs.tls.secretName) }}
{{- fail "kbs.tls.enabled=true needs kbs.tls.secretName, a kubernetes.io/tls Secret with tls.crt and tls.key" }}
{{- end }}
{{- $store := .Values.kbs.secrets }}
{{- if and (eq $store.backend "directory") (empty $store.directory.secrets) }}
{{- fail "kbs.secrets.backend=directory needs kbs.secrets.directory.secrets, the Kubernetes Secrets to serve: [{secretName: db-credentials, repository: default, type: db}]" }}
{{- end }}
{{- if eq $store.backend "vault" }}
{{- if not $store.vault.address }}
{{- fail "kbs.secrets.backend=vault needs kbs.secrets.vault.address, e.g. https://vault.vault.svc:8200" }}
{{- end }}
{{- if and (eq $store.vault.auth "kubernetes") (not $store.vault.kubernetes.role) }}
{{- fail "kbs.secrets.vault.auth=kubernetes needs kbs.secrets.vault.kubernetes.role, the Vault role bound to the KBS's service account" }}
{{- end }}
{{- if and (eq $store.vault.auth "approle") (or (not $store.vault.approle.roleId) (not $store.vault.approle.existingSecret)) }}
{{- fail "kbs.secrets.vault.auth=approle needs kbs.secrets.vault.approle.roleId and approle.existingSecret (the Secret holding the secret id)" }}
{{- end }}
{{- if and (eq $store.vault.auth "token") (not $store.vault.token.existingSecret) }}
{{- fail "kbs.secrets.vault.auth=token needs kbs.secrets.vault.token.existingSecret, the Secret holding the Vault token" }}
{{- end }}
{{- end }}
{{- if and .Values.admin.existingSecret (not .Values.admin.existingSecretKeys) }}
{{- fail "admin.existingSecret needs admin.existingSecretKeys, the keys of the PEM files in that Secret" }}
{{- end }}
{{- range $i, $key := .Values.admin.publicKeys }}
{{- if contains "PRIVATE KEY" $key }}
{{- fail (printf "admin.publicKeys[%d] contains a private key; give the services only the public key (admin-pub.pem)" $i) }}
{{- end }}
{{- if not (regexMatch "-----BEGIN (PUBLIC KEY|CERTIFICATE)-----" $key) }}
{{- fail (printf "admin.publicKeys[%d] is not a PEM public key (expected a \"-----BEGIN PUBLIC KEY-----\" block; pass a file with --set-file)" $i) }}
{{- end }}
{{- end }}
{{- end }}
