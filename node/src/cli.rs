//! Command-line interface.

/// The node's subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
    /// Key management: generate, inspect, insert session keys, node keys.
    #[command(subcommand)]
    Key(sc_cli::KeySubcommand),

    /// Build a chain specification (deprecated: use `export-chain-spec`).
    #[deprecated(note = "use export-chain-spec instead")]
    BuildSpec(sc_cli::BuildSpecCmd),

    /// Export the chain specification as JSON.
    ExportChainSpec(sc_cli::ExportChainSpecCmd),

    /// Validate blocks.
    CheckBlock(sc_cli::CheckBlockCmd),

    /// Export blocks.
    ExportBlocks(sc_cli::ExportBlocksCmd),

    /// Export the state of a given block into a chain spec.
    ExportState(sc_cli::ExportStateCmd),

    /// Import blocks.
    ImportBlocks(sc_cli::ImportBlocksCmd),

    /// Remove the whole chain.
    PurgeChain(sc_cli::PurgeChainCmd),

    /// Revert the chain to a previous state.
    Revert(sc_cli::RevertCmd),

    /// Benchmark runtime pallets (only with the `runtime-benchmarks` feature).
    #[cfg(feature = "runtime-benchmarks")]
    #[command(subcommand)]
    Benchmark(frame_benchmarking_cli::BenchmarkCmd),

    /// Database meta columns information.
    ChainInfo(sc_cli::ChainInfoCmd),

    /// Print the bytes of a peer id (`12D3KooW…`) as `nodeAuthorization` needs them: hex for
    /// `addWellKnownNode`, a JSON byte array for the genesis `nodes`.
    PeerId(PeerIdCmd),
}

/// `cityzen-node peer-id <PEER_ID>`.
#[derive(Debug, clap::Parser)]
pub struct PeerIdCmd {
    /// The peer id, base58 (as `key inspect-node-key` and the node's log print it).
    pub peer_id: String,
}

impl PeerIdCmd {
    /// The JSON line printed: `{"peerId", "hex", "bytes"}`.
    pub fn render(&self) -> Result<String, String> {
        let id: sc_network::PeerId = self
            .peer_id
            .trim()
            .parse()
            .map_err(|e| format!("{:?} is not a peer id: {e}", self.peer_id))?;
        let bytes = id.to_bytes();
        let hex = format!("0x{}", sp_core::hexdisplay::HexDisplay::from(&bytes));
        Ok(serde_json::json!({ "peerId": id.to_base58(), "hex": hex, "bytes": bytes }).to_string())
    }
}

/// The node's command line.
#[derive(Debug, clap::Parser)]
pub struct Cli {
    /// A subcommand, or none to run the node.
    #[command(subcommand)]
    pub subcommand: Option<Subcommand>,

    /// Options to run the node.
    #[clap(flatten)]
    pub run: sc_cli::RunCmd,
}
