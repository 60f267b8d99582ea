//! Property tests: every parser returns `Ok` or a typed error for any input, never panics,
//! plus a few semantic invariants.

use backendai_core::parse::{
    expand_run_cases, parse_binary_size, parse_byte_size, parse_env_args, parse_mount_args,
    parse_range_expr, parse_resource_args, substitute_template, AppArgs, BinarySize,
    BinarySizeValue, Decimal, RangeValue,
};
use proptest::prelude::*;

/// Strings biased towards the characters the parsers care about.
fn numberish() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9eE.+_ -]{0,12}[kKmMgGtTpPeEzZyYbBiI ]{0,3}",
        "(inf|Infinity|nan|sNaN|NaN[0-9]{1,3}|-0|1e999999|1e-999999|9{30})[kmgb]{0,2}",
        any::<String>(),
    ]
}

fn range_exprs() -> impl Strategy<Value = String> {
    let body = prop_oneof![
        "case:[a-z0-9,=]{0,10}",
        "range:-?[0-9]{0,4}(,-?[0-9]{0,4}){0,3}",
        "range:-?[0-9]{30,40},-?[0-9]{30,40}(,-?[0-9]{1,40})?",
        "linspace:[0-9eE.+_-]{0,8},[0-9eE.+_-]{0,8},-?[0-9]{0,3}",
        "linspace:(1e999999|-1e999999|1e-999999|inf|-inf|nan|snan|0),(1e999999|1e-999999|inf|nan|0|1),[0-3]",
        any::<String>(),
    ];
    ("[a-zA-Z_0-9-]{0,4}", body).prop_map(|(k, b)| format!("{k}={b}"))
}

fn shellish() -> impl Strategy<Value = String> {
    prop_oneof!["[ \t\na-z=\"'\\\\#;&|()<>-]{0,16}", any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn range_expr_never_panics(s in range_exprs()) {
        if let Ok((name, values)) = parse_range_expr(&s) {
            prop_assert!(!name.is_empty());
            prop_assert!(values.len() <= backendai_core::parse::MAX_RANGE_VALUES);
        }
    }

    #[test]
    fn range_expr_any_string(s in any::<String>()) {
        let _ = parse_range_expr(&s);
    }

    #[test]
    fn range_matches_python_range(start in -50i64..50, stop in -50i64..50, step in -7i64..7) {
        let r = parse_range_expr(&format!("n=range:{start},{stop},{step}"));
        if step == 0 {
            prop_assert!(r.is_err());
        } else {
            let mut want = Vec::new();
            let mut v = start;
            while (step > 0 && v < stop) || (step < 0 && v > stop) {
                want.push(RangeValue::Int(i128::from(v)));
                v += step;
            }
            prop_assert_eq!(r.unwrap().1, want);
        }
    }

    #[test]
    fn linspace_endpoints_exact(start in -1000i64..1000, stop in -1000i64..1000, num in 2i64..40) {
        let (_, values) = parse_range_expr(&format!("x=linspace:{start},{stop},{num}")).unwrap();
        prop_assert_eq!(values.len() as i64, num);
        // the first value is start (possibly with a fractional exponent); the last one may be
        // off in the 28th digit, exactly like Python (e.g. 343.0000000000000000000000001)
        let first: Decimal = values[0].to_string().parse().unwrap();
        let last: Decimal = values[values.len() - 1].to_string().parse().unwrap();
        prop_assert!(first.sub(&Decimal::from_i128(start.into())).unwrap().is_zero());
        let diff = last.sub(&Decimal::from_i128(stop.into())).unwrap();
        prop_assert!(diff.quantize(-20).unwrap().is_zero(), "{}", diff);
    }

    #[test]
    fn decimal_ops_never_panic(a in numberish(), b in numberish()) {
        if let (Ok(x), Ok(y)) = (a.parse::<Decimal>(), b.parse::<Decimal>()) {
            let _ = x.add(&y);
            let _ = x.sub(&y);
            let _ = x.mul(&y);
            let _ = x.div(&y);
            let _ = x.quantize(-2);
            let _ = x.normalize();
            let _ = x.to_i128_trunc();
            // str() output parses back to the same value
            let again: Decimal = x.to_string().parse().unwrap();
            prop_assert_eq!(again.to_string(), x.to_string());
        }
    }

    #[test]
    fn decimal_integer_arithmetic(a in -1_000_000_000i64..1_000_000_000, b in -1_000_000_000i64..1_000_000_000) {
        let (x, y) = (Decimal::from_i128(a.into()), Decimal::from_i128(b.into()));
        prop_assert_eq!(x.add(&y).unwrap().to_string(), (a + b).to_string());
        prop_assert_eq!(x.sub(&y).unwrap().to_string(), (a - b).to_string());
        prop_assert_eq!(x.mul(&y).unwrap().to_string(), (i128::from(a) * i128::from(b)).to_string());
        if b != 0 && a % b == 0 {
            prop_assert_eq!(x.div(&y).unwrap().to_string(), (a / b).to_string());
        }
    }

    #[test]
    fn byte_size_never_panics(s in numberish()) {
        let _ = parse_byte_size(&s);
    }

    #[test]
    fn byte_size_integers(n in 0u64..u64::MAX / 2048, unit in 0usize..7) {
        let suffix = ["", "k", "m", "g", "t", "p", "e"][unit];
        let got = parse_byte_size(&format!("{n}{suffix}"));
        // Python goes through a float: exact for n < 2^53
        if n < (1 << 53) {
            prop_assert_eq!(got.unwrap(), u128::from(n) << (10 * unit));
        } else {
            prop_assert!(got.is_ok());
        }
    }

    #[test]
    fn binary_size_never_panics(s in numberish()) {
        let _ = parse_binary_size(&s);
    }

    #[test]
    fn binary_size_units(n in 0i64..1_000_000, unit in 0usize..9) {
        let suffix = ["", "k", "m", "g", "t", "p", "e", "z", "y"][unit];
        for form in [format!("{n}{suffix}"), format!("{n} {}iB", suffix.to_uppercase())] {
            if form.ends_with(" iB") { continue; }
            let got = parse_binary_size(&form).unwrap();
            let exact = i128::from(n) << (10 * unit);
            // Python multiplies with 28-digit Decimal precision: exact below 10^28 only
            if exact < 10i128.pow(28) {
                prop_assert_eq!(got, BinarySizeValue::Bytes(exact), "{}", form);
            } else {
                let BinarySizeValue::Bytes(b) = got else { panic!("finite") };
                prop_assert!((b - exact).abs() < exact / 10i128.pow(26), "{}", form);
            }
        }
    }

    #[test]
    fn binary_size_display_total(n in any::<i128>()) {
        let s = BinarySize(n).to_string();
        prop_assert!(!s.is_empty());
    }

    #[test]
    fn kv_args_never_panic(items in proptest::collection::vec(any::<String>(), 0..5)) {
        let _ = parse_resource_args(&items);
        let _ = parse_env_args(&items);
        let m = parse_mount_args(&items);
        let mut sorted = m.names.clone();
        sorted.sort();
        sorted.dedup();
        prop_assert_eq!(sorted, m.names);
    }

    #[test]
    fn app_args_never_panic(args in proptest::collection::vec(shellish(), 0..4),
                            envs in proptest::collection::vec(shellish(), 0..4)) {
        if let Ok(parsed) = AppArgs::parse(&args, &envs) {
            if let Some(j) = parsed.arguments_json() {
                // Python json.dumps output is valid JSON and ASCII-only
                prop_assert!(j.is_ascii());
                prop_assert!(serde_json::from_str::<serde_json::Value>(&j).is_ok());
            }
            if let Some(j) = parsed.envs_json() {
                prop_assert!(j.is_ascii());
                let v: serde_json::Value = serde_json::from_str(&j).unwrap();
                prop_assert_eq!(v.as_object().unwrap().len(), parsed.envs.len());
            }
        }
    }

    #[test]
    fn template_never_panics(t in "[$a-zA-Z_{}0-9 \n\r]{0,16}") {
        let vars = vec![("a".to_owned(), RangeValue::Int(1)), ("B_1".to_owned(), RangeValue::Str("x".into()))];
        let res = substitute_template(&t, &vars);
        if !t.contains('$') {
            prop_assert_eq!(res.unwrap(), t);
        }
    }

    #[test]
    fn run_expansion_never_panics(envs in proptest::collection::vec(("[A-Z]{1,2}", "[$A-Z{}]{0,6}"), 0..3),
                                  exec in proptest::option::of("[$A-Z{} ]{0,8}"),
                                  r1 in range_exprs(), r2 in range_exprs()) {
        let ranges: Vec<_> = [r1, r2].iter().filter_map(|r| parse_range_expr(r).ok()).collect();
        if let Ok(exp) = expand_run_cases(&envs, None, exec.as_deref(), &ranges, &[], &ranges) {
            prop_assert!(!exp.cases.is_empty() || ranges.iter().any(|(_, v)| v.is_empty()));
            prop_assert_eq!(exp.combination_lines().len(), if exp.is_multi() { exp.cases.len() } else { 0 });
        }
    }
}
