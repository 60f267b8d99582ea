fn f() { let _ = std::env::var("NOT_REGISTERED_X"); println!("x"); let q = "/session/x"; }
