//! `bai vfolder list|list-own|list-invited|list-project` and the shared paginated listing of
//! `bai admin vfolder list` (SDK `VFolders::list` and `VFolders::paginated_list`).

use backendai_sdk::groups::vfolder::{ListKind, PageArgs as VfolderPage};
use clap::Args;

use crate::commands::args::{offset32, page_size, PageArgs};
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `vfolder list` without paging options (`GET /folders`).
pub const VFOLDER_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name"),
    FieldSpec::new("id"),
    FieldSpec::new("host"),
    FieldSpec::new("usage_mode"),
    FieldSpec::new("permission"),
    FieldSpec::new("is_owner"),
    FieldSpec::new("type"),
    FieldSpec::new("status"),
];

/// The columns of the paginated folder lists (the Python client's default fields).
pub const PAGE_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("host").label("Host"),
    FieldSpec::new("name").label("Name"),
    FieldSpec::new("created_at").label("Created At"),
    FieldSpec::new("creator").label("Creator"),
    FieldSpec::new("group").label("Group"),
    FieldSpec::new("permission").label("Permission"),
    FieldSpec::new("ownership_type").label("Ownership Type"),
    FieldSpec::new("status").label("Status"),
];

/// Arguments of `vfolder list`: the caller's folders (`GET /folders`), or with a paging
/// option or `--group`, one page of the GraphQL list as in the 23.09 client.
#[derive(Debug, Args)]
pub struct VfListArgs {
    /// Filter by group (project) ID.
    #[arg(short = 'g', long)]
    pub group: Option<String>,
    /// List all virtual folders (superadmin; 19.09 servers only).
    #[arg(short = 'a', long = "list-all")]
    pub list_all: bool,
    /// Query filter expression (columns: host, name, created_at, creator, ownership_type,
    /// status, permission).
    #[arg(long)]
    pub filter: Option<String>,
    /// Query ordering expression (`host`, `+host`, `-created_at`).
    #[arg(long)]
    pub order: Option<String>,
    /// Index of the first item.
    #[arg(long)]
    pub offset: Option<u64>,
    /// Page size (1 to 100; default 20).
    #[arg(long)]
    pub limit: Option<u32>,
}

impl VfListArgs {
    fn paginated(&self) -> bool {
        self.group.is_some()
            || self.filter.is_some()
            || self.order.is_some()
            || self.offset.is_some()
            || self.limit.is_some()
    }
}

/// Arguments of the admin list: paging plus an optional group (project) ID.
#[derive(Debug, Args, Clone, Default)]
pub struct GroupPageArgs {
    /// Filter by group (project) ID.
    #[arg(short = 'g', long)]
    pub group: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub page: PageArgs,
}

/// Prints one page of a GraphQL folder list.
pub fn print_page(
    ctx: &Context,
    kind: ListKind,
    page: &PageArgs,
    group: Option<&str>,
) -> anyhow::Result<()> {
    let args = VfolderPage {
        limit: page_size(page.limit)?,
        offset: offset32(page.offset)?,
        filter: page.filter.clone(),
        order: page.order.clone(),
        group_id: group.map(str::to_owned),
        ..VfolderPage::default()
    };
    let client = ctx.client()?;
    let got = ctx.block_on(client.vfolders().paginated_list(kind, &args))??;
    ctx.out.page(
        &got.items,
        got.total_count,
        PAGE_FIELDS,
        "There are no matching virtual folders.",
    )?;
    Ok(())
}

/// `vfolder list`.
pub fn list(ctx: &Context, a: &VfListArgs) -> anyhow::Result<()> {
    if a.paginated() {
        let page = PageArgs {
            filter: a.filter.clone(),
            order: a.order.clone(),
            offset: a.offset.unwrap_or(0),
            limit: a.limit.unwrap_or(PageArgs::default().limit),
        };
        return print_page(ctx, ListKind::All, &page, a.group.as_deref());
    }
    let client = ctx.client()?;
    let list = ctx.block_on(client.vfolders().list(a.list_all))??;
    ctx.out
        .list(&list, VFOLDER_FIELDS, "There are no virtual folders.")?;
    Ok(())
}

/// `vfolder list-own`, `list-invited`, `list-project`.
pub fn list_kind(ctx: &Context, kind: ListKind, page: &PageArgs) -> anyhow::Result<()> {
    print_page(ctx, kind, page, None)
}
