//! Golden vectors from the Python client 23.09.10 for the CLI parsers.

use backendai_core::parse::{
    expand_run_cases, parse_binary_size, parse_byte_size, parse_env_args, parse_mount_args,
    parse_range_expr, parse_resource_args, AppArgValue, AppArgs, BinarySize, BinarySizeValue,
    RangeValue, RunExpandError,
};
use serde_json::{json, Value};

const VECTORS: &str = include_str!("../../../tests/fixtures/helper_vectors_23.09.10.json");
const RUN_VECTORS: &str = include_str!("../../../tests/fixtures/run_range_expansion_23.09.10.json");

fn cases(group: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(VECTORS).expect("vectors parse");
    let cases = v[group]["cases"].as_array().expect("cases").clone();
    assert!(!cases.is_empty(), "{group} has cases");
    cases
}

fn expected_error(output: &Value) -> Option<&str> {
    output.get("error").and_then(Value::as_str)
}

fn str_list(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("list")
        .iter()
        .map(|s| s.as_str().expect("str").to_owned())
        .collect()
}

fn pairs_json(pairs: &[(String, String)]) -> Value {
    let mut m = serde_json::Map::new();
    for (k, v) in pairs {
        m.insert(k.clone(), Value::String(v.clone()));
    }
    Value::Object(m)
}

fn range_value_json(v: &RangeValue) -> Value {
    match v {
        RangeValue::Str(s) => json!(s),
        RangeValue::Int(i) => json!(i64::try_from(*i).expect("small int")),
        RangeValue::Decimal(d) => json!({ "decimal": d.to_string() }),
    }
}

/// Compares a JSON number from the fixture with a 128-bit result (numbers above u64 are
/// stored as floats by serde_json; they are exact powers of two / round numbers here).
fn assert_number(expected: &Value, got: i128, input: &str) {
    if let Some(u) = expected.as_u64() {
        assert_eq!(got, i128::from(u), "{input}");
    } else {
        let f = expected.as_f64().expect("number");
        assert_eq!(got as f64, f, "{input}");
    }
}

#[test]
fn range_expr_vectors() {
    let mut n = 0;
    for case in cases("range_expr") {
        let input = case["input"].as_str().unwrap();
        let out = &case["output"];
        match (parse_range_expr(input), expected_error(out)) {
            (Ok((name, values)), None) => {
                let got = json!([
                    name,
                    values.iter().map(range_value_json).collect::<Vec<_>>()
                ]);
                assert_eq!(&got, out, "{input}");
            }
            (Err(e), Some(msg)) => {
                assert_eq!(format!("{}: {}", e.python_exception(), e), msg, "{input}");
            }
            (got, want) => panic!("{input}: got {got:?}, want {want:?}"),
        }
        n += 1;
    }
    assert_eq!(n, 32);
}

#[test]
fn resource_arg_vectors() {
    for case in cases("resource_arg") {
        let input = str_list(&case["input"]);
        let out = &case["output"];
        match (parse_resource_args(&input), expected_error(out)) {
            (Ok(pairs), None) => assert_eq!(&pairs_json(&pairs), out, "{input:?}"),
            (Err(e), Some(msg)) => {
                assert_eq!(format!("{}: {}", e.python_exception(), e), msg, "{input:?}")
            }
            (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn env_arg_vectors() {
    for case in cases("env_arg") {
        let input = str_list(&case["input"]);
        let out = &case["output"];
        match (parse_env_args(&input), expected_error(out)) {
            (Ok(pairs), None) => assert_eq!(&pairs_json(&pairs), out, "{input:?}"),
            (Err(e), Some(msg)) => {
                assert_eq!(format!("{}: {}", e.python_exception(), e), msg, "{input:?}")
            }
            (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn mount_arg_vectors() {
    for case in cases("mount_arg") {
        let input = str_list(&case["input"]);
        let m = parse_mount_args(&input);
        let got = json!([m.names, pairs_json(&m.mount_map)]);
        assert_eq!(got, case["output"], "{input:?}");
    }
}

#[test]
fn byte_size_param_vectors() {
    for case in cases("byte_size_param") {
        let input = case["input"].as_str().unwrap();
        let out = &case["output"];
        match (parse_byte_size(input), expected_error(out)) {
            (Ok(v), None) => assert_number(out, v as i128, input),
            (Err(e), Some(msg)) => {
                assert_eq!(format!("{}: {}", e.python_exception(), e), msg, "{input:?}")
            }
            (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
        }
    }
    // the one above u64 is exact
    assert_eq!(
        parse_byte_size("100000000000000000000").unwrap(),
        100_000_000_000_000_000_000
    );
}

#[test]
fn binary_size_from_str_vectors() {
    for case in cases("binary_size_from_str__server_side") {
        let input = case["input"].as_str().unwrap();
        let out = &case["output"];
        match (parse_binary_size(input), expected_error(out)) {
            (Ok(BinarySizeValue::Infinity), None) => {
                assert_eq!(out, &json!({"decimal": "Infinity"}), "{input}")
            }
            (Ok(BinarySizeValue::Bytes(v)), None) => assert_number(out, v, input),
            (Err(e), Some(msg)) => {
                assert_eq!(format!("{}: {}", e.python_exception(), e), msg, "{input:?}")
            }
            (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
        }
    }
    assert_eq!(
        parse_binary_size("1z").unwrap(),
        BinarySizeValue::Bytes(1 << 70)
    );
    assert_eq!(
        parse_binary_size("1y").unwrap(),
        BinarySizeValue::Bytes(1 << 80)
    );
}

#[test]
fn binary_size_str_vectors() {
    for case in cases("binary_size_str__server_side") {
        let n = case["input"].as_i64().unwrap();
        assert_eq!(
            BinarySize(i128::from(n)).to_string(),
            case["output"].as_str().unwrap()
        );
    }
}

#[test]
fn app_proxy_arg_env_vectors() {
    let mut arg_cases = 0;
    let mut env_cases = 0;
    for case in cases("app_proxy_arg_env_parsing") {
        let out = &case["output"];
        if let Some(args) = case.get("input_args") {
            arg_cases += 1;
            let args = str_list(args);
            let no_envs: [&str; 0] = [];
            match (AppArgs::parse(&args, &no_envs), expected_error(out)) {
                (Ok(parsed), None) => {
                    let mut m = serde_json::Map::new();
                    for (k, v) in &parsed.args {
                        let v = match v {
                            AppArgValue::Flag => Value::Null,
                            AppArgValue::One(s) => json!(s),
                            AppArgValue::Many(vs) => json!(vs),
                        };
                        m.insert(k.clone(), v);
                    }
                    assert_eq!(Value::Object(m), out["args"], "{args:?}");
                    assert_eq!(
                        parsed.arguments_json().as_deref(),
                        out["query_param_arguments"].as_str(),
                        "{args:?}"
                    );
                    assert_eq!(parsed.envs_json(), None);
                }
                (Err(e), Some(msg)) => {
                    assert_eq!(format!("{}: {}", e.python_exception(), e), msg, "{args:?}")
                }
                (got, want) => panic!("{args:?}: got {got:?}, want {want:?}"),
            }
        } else {
            env_cases += 1;
            let envs = str_list(&case["input_envs"]);
            let no_args: [&str; 0] = [];
            let parsed = AppArgs::parse(&no_args, &envs).unwrap();
            assert_eq!(pairs_json(&parsed.envs), out["envs"], "{envs:?}");
            assert_eq!(
                parsed.envs_json().as_deref(),
                out["query_param_envs"].as_str()
            );
            assert_eq!(parsed.arguments_json(), None);
        }
    }
    assert_eq!((arg_cases, env_cases), (9, 6));
}

/// Minimal click-like reading of the argv in the run fixture (only the options it uses).
struct RunArgv {
    name: String,
    envs: Vec<String>,
    build: Option<String>,
    exec: Option<String>,
    env_ranges: Vec<String>,
    build_ranges: Vec<String>,
    exec_ranges: Vec<String>,
}

fn read_run_argv(argv: &[String]) -> RunArgv {
    let mut r = RunArgv {
        name: String::new(),
        envs: vec![],
        build: None,
        exec: None,
        env_ranges: vec![],
        build_ranges: vec![],
        exec_ranges: vec![],
    };
    assert_eq!(&argv[..2], ["backend.ai", "run"]);
    let mut i = 2;
    while i < argv.len() {
        let a = argv[i].as_str();
        let (opt, inline) = match a.split_once('=') {
            Some((o, v)) if o.starts_with("--") => (o, Some(v.to_owned())),
            _ => (a, None),
        };
        let mut value = || {
            inline.clone().unwrap_or_else(|| {
                i += 1;
                argv[i].clone()
            })
        };
        match opt {
            "-t" => r.name = value(),
            "-e" => r.envs.push(value()),
            "-c" => {
                value();
            }
            "--build" => r.build = Some(value()),
            "--exec" => r.exec = Some(value()),
            "--env-range" => r.env_ranges.push(value()),
            "--build-range" => r.build_ranges.push(value()),
            "--exec-range" => r.exec_ranges.push(value()),
            _ => {} // image / files
        }
        i += 1;
    }
    r
}

#[test]
fn run_range_expansion_vectors() {
    let v: Value = serde_json::from_str(RUN_VECTORS).unwrap();
    let cases = v["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 9);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let argv = str_list(&case["argv"]);
        let a = read_run_argv(&argv);
        let ranges = |list: &[String]| {
            list.iter()
                .map(|s| parse_range_expr(s).unwrap())
                .collect::<Vec<_>>()
        };
        let envs = parse_env_args(&a.envs).unwrap();
        let result = expand_run_cases(
            &envs,
            a.build.as_deref(),
            a.exec.as_deref(),
            &ranges(&a.env_ranges),
            &ranges(&a.build_ranges),
            &ranges(&a.exec_ranges),
        );
        if let Some(exc) = case["exit_code"].as_str() {
            // "exception: KeyError('M')"
            let err = result.expect_err(id);
            let RunExpandError::UndefinedVariable(name) = &err else {
                panic!("{id}: {err:?}")
            };
            assert_eq!(
                format!("exception: {}('{}')", err.python_exception(), name),
                exc
            );
            assert!(case["session_create_requests"]
                .as_array()
                .unwrap()
                .is_empty());
            continue;
        }
        let exp = result.unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(
            exp.combination_lines(),
            str_list(&case["printed_combinations"]),
            "{id}"
        );
        let requests: Vec<Value> = exp
            .cases
            .iter()
            .enumerate()
            .map(|(idx, c)| json!({"name": exp.session_name(&a.name, idx), "environ": pairs_json(&c.envs)}))
            .collect();
        assert_eq!(
            Value::Array(requests),
            case["session_create_requests"],
            "{id}"
        );
        // the stderr tail mentions the multi-session mode exactly when is_multi()
        let tail = case["stderr_tail"].as_str().unwrap();
        assert_eq!(
            tail.contains("Running multiple sessions"),
            exp.is_multi(),
            "{id}"
        );
    }
}

/// Extra cases computed with CPython 3.11 `decimal`/`shlex`/`string.Template` (the same
/// functions as the Python client), covering rounding in the 28th digit and error precedence.
#[test]
fn python_verified_edge_cases() {
    let lin = |s: &str| -> Vec<String> {
        parse_range_expr(s)
            .unwrap()
            .1
            .iter()
            .map(|v| v.to_string())
            .collect()
    };
    assert_eq!(
        lin("x=linspace:-81.537493,343,4"),
        [
            "-81.5374930000000000000000000",
            "59.9750046666666666666666667",
            "201.4875023333333333333333334",
            "343.0000000000000000000000001"
        ]
    );
    assert_eq!(
        lin("x=linspace:7874241941754234.0,153951.881507446,4"),
        [
            "7874241941754234.000000000000",
            "5249494627887473.293835815333",
            "2624747314020712.587671630666",
            "153951.881507445999"
        ]
    );
    assert_eq!(
        lin("x=linspace:-2e-33,59.356224,4"),
        [
            "-2E-33",
            "19.78540800000000000000000000",
            "39.57081600000000000000000000",
            "59.35622400000000000000000000"
        ]
    );
    assert_eq!(
        lin("x=linspace:442,683,22").last().unwrap(),
        "683.0000000000000000000000001"
    );
    let err = |s: &str| {
        let e = parse_range_expr(s).unwrap_err();
        format!("{}: {}", e.python_exception(), e)
    };
    assert_eq!(
        err("x=linspace:1,2,3,4"),
        "BadParameter: too many values to unpack (expected 3)"
    );
    assert_eq!(
        err("x=linspace:4e-1,inf,2"),
        "InvalidOperation: [<class 'decimal.InvalidOperation'>]"
    );
    assert_eq!(
        err("x=linspace:49.441060,x,2"),
        "InvalidOperation: [<class 'decimal.ConversionSyntax'>]"
    );
    assert_eq!(
        err("n=range:+4,-3,0"),
        "BadParameter: range() arg 3 must not be zero"
    );
    assert_eq!(
        err("n=range:a, 5 ,0,1"),
        "BadParameter: invalid literal for int() with base 10: 'a'"
    );
    assert_eq!(
        err("n=range:-20, 5 ,7,10"),
        "TypeError: range expected at most 3 arguments, got 4"
    );

    let bs = |s: &str| match parse_binary_size(s) {
        Ok(BinarySizeValue::Bytes(b)) => b.to_string(),
        Ok(BinarySizeValue::Infinity) => "inf".to_owned(),
        Err(e) => format!("{}: {}", e.python_exception(), e),
    };
    assert_eq!(bs("-7e17p"), "-788129934789836800000000000000000");
    assert_eq!(bs("-40.302965z"), "-47581342769067102652501");
    assert_eq!(bs("4.1949133942806495e-06P"), "4723052599");
    assert_eq!(bs("-5e-4g"), "-536870");
    assert_eq!(
        bs("inf GiB"),
        "OverflowError: cannot convert Infinity to integer"
    );
    assert_eq!(bs("-718 GiB"), "-770946629632");
    assert_eq!(BinarySize(102_397).to_string(), "1E+2 KiB");

    let app = |a: &str| match AppArgs::parse(&[a], &[] as &[&str]) {
        Ok(p) => p.arguments_json().unwrap(),
        Err(e) => format!("{}: {}", e.python_exception(), e),
    };
    // the outer lexer is lazy and shlex.split lexes the whole token
    assert_eq!(app("\\'"), "ValueError: No escaped character");
    assert_eq!(app(" \"=# -\"\n "), "ValueError: No closing quotation");
    assert_eq!(app("=é&)'(bé"), "IndexError: list index out of range");
}
