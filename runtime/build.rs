//! Builds the wasm runtime blob.
fn main() {
    #[cfg(feature = "std")]
    {
        // The target dir lives outside the repository, so the wasm builder cannot find the
        // workspace's Cargo.lock by itself: point it there, so the wasm runtime is built with
        // exactly the pinned dependency versions. Set only in this build script's process.
        if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
            let manifest_dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
            if let Some(workspace) = manifest_dir.parent() {
                std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
            }
        }
        substrate_wasm_builder::WasmBuilder::build_using_defaults();
    }
}
