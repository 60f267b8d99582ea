//! The filter options of the fair-share and resource-usage lists, one flattenable struct per
//! option (`--resource-group`, `--domain-name`, `--project-id`, `--user-uuid`), chained in
//! the order the lists show them ([`Then`]), and the two shapes of a list's arguments built
//! from them: [`Listed`] (filters, page, sort) and [`Bucketed`] (filters, period, page).

use backendai_sdk::core::dto::{StringFilter, UuidFilter};
use backendai_sdk::groups::fair_share::{FairShareFilter, FairShareSearchRequest};
use clap::{Args, FromArgMatches};

use super::query::{self, ListOrder, Listing, Page, Period};

/// Filter options: each puts its condition into a search filter (a bad UUID: exit 2).
pub trait Keys {
    /// Sets the conditions of the options given, in the order they are declared.
    fn fill(&self, filter: &mut FairShareFilter) -> anyhow::Result<()>;
}

/// The condition of a name option.
fn name(s: &Option<String>) -> anyhow::Result<Option<StringFilter>> {
    Ok(query::equals(s))
}

/// The condition of a UUID option named `what` in its error.
fn uuid(what: &'static str) -> impl Fn(&Option<String>) -> anyhow::Result<Option<UuidFilter>> {
    move |s| query::uuid_equals(what, s)
}

/// Defines a one-option filter struct: its doc, name, the option (its help and clap
/// attributes; the field is named as the filter's) and the condition it becomes.
macro_rules! key {
    ($(
        $(#[$meta:meta])*
        $name:ident { $(#[$option:meta])* $field:ident } = $condition:expr;
    )*) => {$(
        $(#[$meta])*
        #[derive(Debug, Args, Clone)]
        pub struct $name {
            $(#[$option])*
            pub $field: Option<String>,
        }

        impl Keys for $name {
            fn fill(&self, filter: &mut FairShareFilter) -> anyhow::Result<()> {
                filter.$field = $condition(&self.$field)?;
                Ok(())
            }
        }
    )*};
}

key! {
    /// `--resource-group` of the fair-share lists.
    RgKey {
        /// Filter by resource group.
        #[arg(long)]
        resource_group
    } = name;
    /// `--resource-group` of the resource-usage lists (`--scaling-group` is the older Python
    /// name).
    RgFilter {
        /// Filter by resource group.
        #[arg(long, alias = "scaling-group")]
        resource_group
    } = name;
    /// `--domain-name`.
    DomainKey {
        /// Filter by domain name.
        #[arg(long)]
        domain_name
    } = name;
    /// `--project-id`.
    ProjectKey {
        /// Filter by project ID.
        #[arg(long)]
        project_id
    } = uuid("project ID");
    /// `--project-id` with the help `rg-project-usage list` has always shown.
    ProjectUuidKey {
        /// Filter by project ID (UUID).
        #[arg(long)]
        project_id
    } = uuid("project ID");
    /// `--user-uuid`.
    UserKey {
        /// Filter by user UUID.
        #[arg(long)]
        user_uuid
    } = uuid("user UUID");
}

/// Two sets of filter options, `first` before `then` on the command line and in checking.
#[derive(Debug, Args, Clone)]
#[group(skip)]
pub struct Then<A: Args + FromArgMatches + Keys, B: Args + FromArgMatches + Keys> {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub first: A,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub then: B,
}

impl<A: Args + FromArgMatches + Keys, B: Args + FromArgMatches + Keys> Keys for Then<A, B> {
    fn fill(&self, filter: &mut FairShareFilter) -> anyhow::Result<()> {
        self.first.fill(filter)?;
        self.then.fill(filter)
    }
}

/// The filters of a project list: the project, then its domain.
pub type ProjectKeys = Then<ProjectKey, DomainKey>;
/// The filters of a user list: the user, then its project and domain.
pub type UserKeys = Then<UserKey, ProjectKeys>;

/// The filter of `keys`, its unset conditions left out.
fn filter_of(keys: &impl Keys) -> anyhow::Result<FairShareFilter> {
    let mut filter = FairShareFilter::default();
    keys.fill(&mut filter)?;
    Ok(filter)
}

/// A list's arguments: its filters, then its page and sort.
#[derive(Debug, Args, Clone)]
pub struct Listed<F: Args + FromArgMatches + Keys, O: Args + FromArgMatches + ListOrder> {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filter: F,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub list: Listing<O>,
}

impl<F: Args + FromArgMatches + Keys, O: Args + FromArgMatches + ListOrder> Listed<F, O> {
    /// The search body of these arguments (a bad UUID: exit 2).
    pub fn search(&self) -> anyhow::Result<FairShareSearchRequest> {
        Ok(self.list.search(filter_of(&self.filter)?))
    }
}

/// A usage-bucket list's arguments in a resource group: its filters, the period, the page
/// (unsorted).
#[derive(Debug, Args, Clone)]
pub struct Bucketed<F: Args + FromArgMatches + Keys> {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filter: F,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub period: Period,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub page: Page,
}

impl<F: Args + FromArgMatches + Keys> Bucketed<F> {
    /// The search body of these arguments (a bad UUID or date: exit 2).
    pub fn search(&self) -> anyhow::Result<FairShareSearchRequest> {
        let mut filter = filter_of(&self.filter)?;
        filter.period_start = self.period.filter()?;
        Ok(query::search(filter, None, &self.page))
    }
}
