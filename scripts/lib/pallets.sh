# The workspace's own pallets, from `cargo metadata` (no list to keep by hand): each line is
# "crate-name directory" for a member under pallets/ with a `runtime-benchmarks` feature.
local_pallets() {
	cargo metadata --no-deps --format-version 1 --offline 2>/dev/null |
		python3 -c '
import json, os, sys
m = json.load(sys.stdin)
root = m["workspace_root"]
for p in sorted(m["packages"], key=lambda p: p["name"]):
    d = os.path.relpath(os.path.dirname(p["manifest_path"]), root)
    if d.startswith("pallets/") and "runtime-benchmarks" in p["features"]:
        print(p["name"], d)
'
}
