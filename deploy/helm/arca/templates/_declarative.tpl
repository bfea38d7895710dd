{{- /*
Declarative configuration (docs/operations.md "Declarative configuration"): one ConfigMap mounted as a directory the
service reads at start and polls for changes. Returns JSON {env, volumes, mounts} for the component to append.
Parameters: settings (the values block: configMap, pollInterval), name (volume name), mountPath, property (the
environment prefix of the service's <prefix>_PATH and <prefix>_POLL_INTERVAL), events (kubernetesEvents.enabled).
With events on, the service posts a Warning Event about its pod for each refused file, so it is told its pod's name
and uid and gets a service-account token (see events-rbac.yaml: it may create Events, nothing else); the output's
token is then true.
The whole ConfigMap is mounted, never with subPath: kubelet updates a volume by swapping its ..data symlink, and a
subPath mount would never see an update.
*/}}
{{- define "arca.declarativeDirectory" -}}
{{- $out := dict "env" (list) "volumes" (list) "mounts" (list) "token" false }}
{{- with .settings.configMap }}
{{- $_ := set $out "env" (list (dict "name" (printf "%s_PATH" $.property) "value" $.mountPath) (dict "name" (printf "%s_POLL_INTERVAL" $.property) "value" (toString $.settings.pollInterval))) }}
{{- $_ := set $out "volumes" (list (dict "name" $.name "configMap" (dict "name" . "defaultMode" 292))) }}
{{- $_ := set $out "mounts" (list (dict "name" $.name "mountPath" $.mountPath "readOnly" true)) }}
{{- if $.events }}
{{- $events := list (dict "name" "ARCA_KUBERNETES_EVENTS_ENABLED" "value" "true") (dict "name" "ARCA_KUBERNETES_EVENTS_POD_NAME" "valueFrom" (dict "fieldRef" (dict "fieldPath" "metadata.name"))) (dict "name" "ARCA_KUBERNETES_EVENTS_POD_UID" "valueFrom" (dict "fieldRef" (dict "fieldPath" "metadata.uid"))) }}
{{- $_ := set $out "env" (concat $out.env $events) }}
{{- $_ := set $out "token" true }}
{{- end }}
{{- end }}
{{- toJson $out }}
{{- end }}
