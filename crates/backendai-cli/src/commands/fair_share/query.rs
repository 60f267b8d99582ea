//! The search options the fair-share and resource-usage lists share (page, order, period)
//! and the search bodies they become.

use backendai_sdk::core::dto::{DateRangeFilter, StringFilter, UuidFilter};
use backendai_sdk::groups::fair_share::{FairShareFilter, FairShareSearchRequest, SearchOrder};
use backendai_sdk::groups::rest_v9::uuid_arg;
use clap::{Args, FromArgMatches};

use crate::exit::usage;

/// Page options (the Python CLI's defaults: 20 items from 0).
#[derive(Debug, Args, Clone)]
pub struct Page {
    /// Maximum number of records to return (1-1000).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: u32,
    /// Offset for pagination.
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
}

/// Order direction (`--order`).
#[derive(Debug, Args, Clone)]
pub struct Direction {
    /// Order direction.
    #[arg(long, default_value = "DESC", value_parser = ["ASC", "DESC"], ignore_case = true)]
    pub order: String,
}

/// Order of fair-share lists that can sort by domain name.
#[derive(Debug, Args, Clone)]
pub struct DomainOrder {
    /// Order by field.
    #[arg(long, default_value = "fair_share_factor",
          value_parser = ["fair_share_factor", "domain_name", "created_at"])]
    pub order_by: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub direction: Direction,
}

/// Order of project and user fair-share lists.
#[derive(Debug, Args, Clone)]
pub struct FactorOrder {
    /// Order by field.
    #[arg(long, default_value = "fair_share_factor",
          value_parser = ["fair_share_factor", "created_at"])]
    pub order_by: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub direction: Direction,
}

/// Order of usage-bucket lists.
#[derive(Debug, Args, Clone)]
pub struct PeriodOrder {
    /// Order by field.
    #[arg(long, default_value = "period_start", value_parser = ["period_start"])]
    pub order_by: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub direction: Direction,
}

/// The sort options of a list: its `--order-by` field and `--order` direction.
pub trait ListOrder {
    /// The field and the direction to sort by.
    fn key(&self) -> (&str, &Direction);
}

macro_rules! list_order {
    ($($order:ty),*) => {$(
        impl ListOrder for $order {
            fn key(&self) -> (&str, &Direction) {
                (&self.order_by, &self.direction)
            }
        }
    )*};
}

list_order!(DomainOrder, FactorOrder, PeriodOrder);

/// The page and the sort of a list (`--limit/--offset`, `--order-by/--order`).
#[derive(Debug, Args, Clone)]
pub struct Listing<O: Args + FromArgMatches + ListOrder> {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub page: Page,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub order: O,
}

impl<O: Args + FromArgMatches + ListOrder> Listing<O> {
    /// The search body of `filter` with this page and order.
    pub fn search(&self, filter: FairShareFilter) -> FairShareSearchRequest {
        search(filter, Some(&self.order), &self.page)
    }
}

/// Bucket period filter (`--period-start-after/--period-start-before`).
#[derive(Debug, Args, Clone, Default)]
pub struct Period {
    /// Filter buckets with period_start >= this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub period_start_after: Option<String>,
    /// Filter buckets with period_start <= this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub period_start_before: Option<String>,
}

impl Period {
    /// The `period_start` condition, if a bound is given (bad dates: exit 2).
    pub fn filter(&self) -> anyhow::Result<Option<DateRangeFilter>> {
        let after = self.period_start_after.as_deref().map(date).transpose()?;
        let before = self.period_start_before.as_deref().map(date).transpose()?;
        if after.is_none() && before.is_none() {
            return Ok(None);
        }
        Ok(Some(DateRangeFilter {
            after,
            before,
            ..DateRangeFilter::default()
        }))
    }
}

/// The date of `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` or `YYYY-MM-DD HH:MM:SS` (the formats the
/// Python CLI's date option reads; only the date is sent).
pub fn date(s: &str) -> anyhow::Result<String> {
    let day = s.split(['T', ' ']).next().unwrap_or_default();
    let parts: Vec<&str> = day.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok())
    };
    let ok = match parts.as_slice() {
        [y, m, d] => matches!(
            (num(y, 4), num(m, 2), num(d, 2)),
            (Some(Some(_)), Some(Some(1..=12)), Some(Some(1..=31)))
        ),
        _ => false,
    };
    if ok {
        Ok(day.to_owned())
    } else {
        Err(usage(format!("invalid date {s:?}: expected YYYY-MM-DD")))
    }
}

/// `{"equals": s}` of an option, if given.
pub fn equals(s: &Option<String>) -> Option<StringFilter> {
    s.as_deref().map(StringFilter::equals)
}

/// `{"equals": uuid}` of an option, if given (not a UUID: exit 2).
pub fn uuid_equals(name: &str, s: &Option<String>) -> anyhow::Result<Option<UuidFilter>> {
    s.as_deref()
        .map(|v| {
            uuid_arg(name, v)
                .map(UuidFilter::equals)
                .map_err(|e| usage(e.to_string()))
        })
        .transpose()
}

/// A search body: the filter (dropped when empty), one order key, the page.
pub fn search(
    filter: FairShareFilter,
    order: Option<&dyn ListOrder>,
    page: &Page,
) -> FairShareSearchRequest {
    FairShareSearchRequest {
        filter: (!filter.is_empty()).then_some(filter),
        order: order.map(|o| {
            let (field, d) = o.key();
            vec![SearchOrder::new(
                field,
                d.order.eq_ignore_ascii_case("DESC"),
            )]
        }),
        limit: page.limit,
        offset: page.offset,
        ..FairShareSearchRequest::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_and_reduced_to_the_day() {
        assert_eq!(date("2026-11-01").unwrap(), "2026-11-01");
        assert_eq!(date("2026-11-01T10:00:00").unwrap(), "2026-11-01");
        assert_eq!(date("2026-11-01 10:00:00").unwrap(), "2026-11-01");
        for bad in ["2026-13-01", "26-11-01", "yesterday", "2026-11-1"] {
            assert!(date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_empty_filter_is_not_sent() {
        let page = Page {
            limit: 20,
            offset: 0,
        };
        let body = search(FairShareFilter::default(), None, &page);
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"limit": 20, "offset": 0})
        );
        let order = FactorOrder {
            order_by: "created_at".into(),
            direction: Direction {
                order: "asc".into(),
            },
        };
        let f = FairShareFilter {
            domain_name: equals(&Some("d".into())),
            ..Default::default()
        };
        let body = search(f, Some(&order), &page);
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({
                "filter": {"domain_name": {"equals": "d"}},
                "order": [{"field": "created_at", "direction": "asc"}],
                "limit": 20, "offset": 0,
            })
        );
    }
}
