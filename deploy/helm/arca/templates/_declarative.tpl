{{- /*
Declarative configuration (docs/operations.md "Declarative configuration"): one ConfigMap mounted as a directory the
service reads at start and polls for changes. Returns JSON {env, volumes, mounts} for the component to append.
Parameters: settings (the values block: configMap, pollInterval), name (volume name), mountPath, property (the
environment prefix of the service's <prefix>_PATH and <prefix>_POLL_INTERVAL).
The whole ConfigMap is mounted, never with subPath: kubelet updates a volume by swapping its ..data symlink, and a
subPath mount would never see an update.
*/}}
{{- define "arca.declarativeDirectory" -}}
{{- $out := dict "env" (list) "volumes" (list) "mounts" (list) }}
{{- with .settings.configMap }}
{{- $_ := set $out "env" (list (dict "name" (printf "%s_PATH" $.property) "value" $.mountPath) (dict "name" (printf "%s_POLL_INTERVAL" $.property) "value" (toString $.settings.pollInterval))) }}
{{- $_ := set $out "volumes" (list (dict "name" $.name "configMap" (dict "name" . "defaultMode" 292))) }}
{{- $_ := set $out "mounts" (list (dict "name" $.name "mountPath" $.mountPath "readOnly" true)) }}
{{- end }}
{{- toJson $out }}
{{- end }}
