//! GraphQL over `/admin/gql` (v6.20210815+) or `/admin/graphql` (older), and paginated lists.
