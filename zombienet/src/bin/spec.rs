//! Chain-spec edits for the consortium network, used by `scripts/zombienet.sh`:
//!
//! - `spec authorize <plain.json> <name>=<peer-id json>...`: node-authorization lists these
//!   nodes (the `bytes` of `cityzen-node peer-id`), each owned by its operator's account;
//! - `spec set-raw <raw.json> <key> <value>`: set one raw genesis storage item (hex).

use std::{fs, process::ExitCode};

use serde_json::Value;

/// Who owns each node: the city and the partners own theirs; the city runs the RPC node.
const OWNERS: [(&str, &str); 5] = [
    ("alice", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"),
    ("bob", "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"),
    (
        "charlie",
        "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y",
    ),
    ("dave", "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy"),
    ("rpc", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"),
];

fn find_mut<'a>(v: &'a mut Value, key: &str) -> Option<&'a mut Value> {
    let Value::Object(map) = v else {
        return None;
    };
    if map.contains_key(key) {
        return map.get_mut(key);
    }
    map.values_mut().find_map(|child| find_mut(child, key))
}

fn authorize(spec: &mut Value, pairs: &[String]) -> Result<(), String> {
    let mut nodes = Vec::new();
    for pair in pairs {
        let (name, peer) = pair
            .split_once('=')
            .ok_or_else(|| format!("{pair:?} is not name=<peer-id json>"))?;
        let owner = OWNERS
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| format!("no owner for node {name:?}"))?
            .1;
        let peer: Value =
            serde_json::from_str(peer).map_err(|e| format!("peer id of {name}: {e}"))?;
        let bytes = peer
            .get("bytes")
            .ok_or_else(|| format!("peer id of {name} has no bytes"))?;
        nodes.push(Value::Array(vec![bytes.clone(), Value::from(owner)]));
    }
    let na = find_mut(spec, "nodeAuthorization").ok_or("no nodeAuthorization in the spec")?;
    let Value::Object(na) = na else {
        return Err("nodeAuthorization is not an object".into());
    };
    na.insert("nodes".into(), Value::Array(nodes));
    Ok(())
}

fn set_raw(spec: &mut Value, key: &str, value: &str) -> Result<(), String> {
    let top = spec
        .pointer_mut("/genesis/raw/top")
        .and_then(Value::as_object_mut)
        .ok_or("not a raw chain spec (no genesis.raw.top)")?;
    top.insert(key.into(), Value::from(value));
    Ok(())
}

fn run(args: &[String]) -> Result<(), String> {
    let (command, path, rest) = match args {
        [c, p, rest @ ..] => (c.as_str(), p, rest),
        _ => return Err("usage: spec authorize|set-raw <spec.json> ...".into()),
    };
    let text = fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut spec: Value = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    match (command, rest) {
        ("authorize", pairs) if !pairs.is_empty() => authorize(&mut spec, pairs)?,
        ("set-raw", [key, value]) => set_raw(&mut spec, key, value)?,
        _ => return Err(format!("bad arguments for {command:?}")),
    }
    fs::write(path, spec.to_string()).map_err(|e| format!("{path}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("spec: {e}");
            ExitCode::FAILURE
        }
    }
}
