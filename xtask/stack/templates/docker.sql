-- Applied on every `cargo xtask stack up` (idempotent): the "docker" scaling group, where the
-- Docker agent runs real containers, open to the default domain. The dummy agent stays alone in
-- "default", which the manager picks when a request names no scaling group.
INSERT INTO scaling_groups (name, description, is_active, is_public, driver, driver_opts, scheduler, use_host_network, scheduler_opts)
SELECT 'docker', 'real containers (Docker agent)', true, true, 'static', '{}', 'fifo', false,
       '{"config": {}, "roundrobin": false, "pending_timeout": 0.0, "allowed_session_types": ["interactive", "batch"], "agent_selection_strategy": "dispersed"}'
WHERE NOT EXISTS (SELECT 1 FROM scaling_groups WHERE name = 'docker');
INSERT INTO sgroups_for_domains (scaling_group, domain)
SELECT 'docker', 'default'
WHERE NOT EXISTS (SELECT 1 FROM sgroups_for_domains WHERE scaling_group = 'docker' AND domain = 'default');
