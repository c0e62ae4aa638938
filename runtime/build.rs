//! Builds the wasm runtime blob.
fn main() {
    #[cfg(feature = "std")]
    {
        // The target dir lives outside the repository, so the wasm builder cannot find the
        // workspace's Cargo.lock by itself: point it there, so the wasm runtime is built with
        // exactly the pinned dependency versions. Set only in this build script's process.
        if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
            // Read when the script runs (not `env!`, fixed when it was compiled: a build script
            // compiled for another checkout would point at that checkout).
            if let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
                if let Some(workspace) = std::path::Path::new(&manifest_dir).parent() {
                    std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
                }
            }
        }
        substrate_wasm_builder::WasmBuilder::build_using_defaults();
    }
}
