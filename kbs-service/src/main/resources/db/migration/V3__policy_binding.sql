-- Resource policies bound to a repository or path prefix (one per tenant; docs/kbs.md "Resource policies").
-- A policy applies to the requests whose subject (repo/type/tag for the resource plugin, <plugin>:<path> for other
-- plugins) starts with its binding; the longest binding wins. '' binds everything. At most one policy per binding.
ALTER TABLE kbs_resource_policy ADD COLUMN binding VARCHAR(256) DEFAULT '' NOT NULL;

CREATE UNIQUE INDEX kbs_resource_policy_binding ON kbs_resource_policy (binding);
