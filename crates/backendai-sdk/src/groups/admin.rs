//! Admin API: GraphQL-backed groups (agents, domains, groups, images, keypairs, users, ...) and manager/etcd/resource REST calls.
