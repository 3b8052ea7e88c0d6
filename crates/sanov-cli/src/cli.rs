//! The command-line grammar (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Information theory for machine learning, from the command line.
#[derive(Debug, Parser)]
#[command(
    name = "sanov",
    version,
    about = "Information theory for machine learning: the worked examples (`sanov tour`), \
             Figure 1 of the primer, and entropy, MI, KL, capacity and MaxEnt on your data.",
    after_help = "Start with `sanov tour`. Data files: .csv, .tsv, .npy, .parquet. \
                  Every error is one line on stderr with exit code 2."
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// An aligned, human-readable table.
    #[default]
    Table,
    /// One JSON document.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

/// Options shared by the data commands.
#[derive(Debug, Args, Clone)]
pub struct Common {
    /// Unit of the results: `e`/`nats` (default), `2`/`bits`, `10`/`hartleys`, or any base > 0, != 1.
    #[arg(
        long,
        default_value = "nats",
        value_name = "BASE",
        allow_hyphen_values = true
    )]
    pub base: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Options for reading a table.
#[derive(Debug, Args, Clone)]
pub struct ReadOpts {
    /// The CSV/TSV file has no header row (columns are then named 0, 1, 2, ...).
    #[arg(long)]
    pub no_header: bool,
    /// Field delimiter of a CSV file (default `,`, or tab for .tsv).
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<char>,
    /// Missing values (empty fields, NA, NaN, null, Parquet nulls) in a used column: `raise`
    /// (an error naming the column and first row) or `omit` (drop those rows).
    #[arg(long, value_enum, default_value_t = crate::table::NanPolicy::Raise)]
    pub nan_policy: crate::table::NanPolicy,
}

/// Sampling of continuous columns for the k-NN estimators (`sanov entropy`, `sanov mi`).
#[derive(Debug, Args, Clone)]
pub struct SampleOpts {
    /// The k-NN estimators (Kozachenko–Leonenko, KSG, Ross) run on a uniform sample of at
    /// most this many rows, drawn by a seeded reservoir while the data stream by; a notice on
    /// stderr says when rows were left out. Discrete columns are always counted exactly.
    #[arg(long, default_value_t = 1_000_000, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=1_000_000_000))]
    pub max_samples: u64,
    /// Seed of the reservoir sample (splitmix64).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
}

/// Entropy estimators for `sanov entropy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Estimator {
    /// Plug-in (maximum likelihood): H of the empirical distribution.
    PlugIn,
    /// Miller–Madow: plug-in + (m − 1)/(2N) nats.
    MillerMadow,
    /// Grassberger (2003).
    Grassberger,
    /// Chao–Shen (coverage-adjusted Horvitz–Thompson).
    ChaoShen,
    /// NSB (Nemenman–Shafee–Bialek) posterior mean (--alphabet-size, default: distinct values).
    Nsb,
    /// Kozachenko–Leonenko k-NN estimate of the differential entropy of a continuous column
    /// (--k neighbours).
    KozachenkoLeonenko,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The worked examples of information theory for ML, computed live next to their textbook
    /// values, ending with Figure 1 of the primer (written to figure1.svg).
    #[command(
        after_help = "Examples:\n  sanov tour\n  sanov tour --format json > tour.json\n  \
                      sanov tour --figure-dir /tmp --figure-format png"
    )]
    Tour {
        /// Output format: the text tour or one JSON document.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Directory to write Figure 1 into.
        #[arg(long, default_value = ".", value_name = "DIR")]
        figure_dir: PathBuf,
        /// File format of Figure 1.
        #[arg(long, value_enum, default_value_t = ImageFormat::Svg)]
        figure_format: ImageFormat,
        /// Do not draw Figure 1 (its numbers are still checked).
        #[arg(long)]
        no_figure: bool,
    },
    /// Figure 1 of the primer: relative error of nH and of Stirling's estimate of
    /// ln(n!/∏k_i!) against n/D, for a Dirichlet(1) type and the uniform positive-orthant type.
    #[command(after_help = "Examples:\n  sanov figure1 --out figure1.svg\n  \
                      sanov figure1 --out figure1.png --d 50000")]
    Figure1 {
        /// Output file; .svg or .png.
        #[arg(long, default_value = "figure1.svg", value_name = "FILE")]
        out: PathBuf,
        /// Alphabet size D (1 to 10000000; memory and time grow linearly with D).
        #[arg(long, default_value_t = 50_000,
              value_parser = clap::value_parser!(u64).range(1..=crate::figure::MAX_D))]
        d: u64,
        /// Seed of the Dirichlet(1) draw (splitmix64).
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Also print the series.
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Entropy of a discrete column of a data file by a chosen estimator, or the differential
    /// entropy of a continuous column (Kozachenko–Leonenko).
    #[command(after_help = "Examples:\n  sanov entropy data.csv --column label\n  \
                      sanov entropy data.csv --column height --estimator kozachenko-leonenko\n  \
                      sanov entropy data.csv --column word --estimator miller-madow --base 2\n  \
                      sanov entropy labels.npy --estimator nsb --alphabet-size 100\n  \
                      sanov entropy 'dataset/part-*.parquet' --column label\n\n\
Data larger than memory: CSV/TSV and Parquet are read in row batches; a discrete column is \
counted exactly (memory grows with its distinct values, not its rows); the \
Kozachenko-Leonenko estimate runs on a seeded reservoir sample of --max-samples rows.")]
    Entropy {
        /// The data: a .csv, .tsv, .npy or .parquet file, a directory of .parquet files, or a
        /// quoted glob of them ('data/part-*.parquet').
        file: PathBuf,
        /// The column (name, or 0-based index); may be left out when the file has one column.
        #[arg(long, short)]
        column: Option<String>,
        /// The estimator.
        #[arg(long, value_enum, default_value_t = Estimator::PlugIn)]
        estimator: Estimator,
        /// Alphabet size for NSB (default: the number of distinct values seen).
        #[arg(long)]
        alphabet_size: Option<usize>,
        /// Neighbours k for kozachenko-leonenko.
        #[arg(long, default_value_t = 3)]
        k: usize,
        #[command(flatten)]
        sample: SampleOpts,
        #[command(flatten)]
        read: ReadOpts,
        #[command(flatten)]
        common: Common,
    },
    /// Rank every column of a data file by its mutual information with a target column
    /// (plug-in between discrete columns, KSG between continuous ones, Ross's k-NN estimator
    /// between a continuous and a discrete one).
    #[command(
        after_help = "A column is discrete when it holds strings, or integers with at most \
max(20, √N) distinct values (N rows); otherwise continuous. Override with --discrete/--continuous.\n\n\
Examples:\n  sanov mi data.csv --target y\n  sanov mi data.csv --target y --base 2 --format json\n  \
sanov mi data.csv --target y --discrete zip_code --continuous age\n  \
sanov mi dataset/ --target y --max-samples 200000 --seed 7\n\n\
Data larger than memory: CSV/TSV and Parquet (a file, a directory of .parquet files or a glob of \
them, all of one schema) are read in row batches; discrete columns are counted exactly into \
mergeable count tables (memory grows with the distinct values, not the rows) and the plug-in \
results equal those of reading the whole file. The k-NN estimators (KSG, Ross) need the rows \
themselves: a second pass draws a seeded uniform reservoir sample of --max-samples rows, and a \
notice on stderr says when rows were left out."
    )]
    Mi {
        /// The data: a .csv, .tsv, .npy or .parquet file, a directory of .parquet files, or a
        /// quoted glob of them ('data/part-*.parquet').
        file: PathBuf,
        /// The target column (name, or 0-based index).
        #[arg(long, short)]
        target: String,
        /// Columns to treat as discrete (comma-separated).
        #[arg(long, value_delimiter = ',')]
        discrete: Vec<String>,
        /// Columns to treat as continuous (comma-separated).
        #[arg(long, value_delimiter = ',')]
        continuous: Vec<String>,
        /// Neighbours k of the k-NN estimators (KSG, Ross).
        #[arg(long, default_value_t = 3)]
        k: usize,
        /// Print to stderr the time spent reading and counting (read+parse), sampling and
        /// estimating (mutual information), and the rows per second.
        #[arg(long)]
        timings: bool,
        #[command(flatten)]
        sample: SampleOpts,
        #[command(flatten)]
        read: ReadOpts,
        #[command(flatten)]
        common: Common,
    },
    /// KL divergence D(P‖Q) of two distributions given as files (one number per line, or one
    /// row, or one column of a table). P and Q are read side by side in row batches, so files
    /// larger than memory work.
    #[command(
        after_help = "Examples:\n  sanov kl p.csv q.csv\n  sanov kl p.npy q.npy --base 2\n  \
                      sanov kl counts_p.csv counts_q.csv --normalize\n  \
                      sanov kl p_dataset/ 'q/part-*.parquet' --column prob --format json"
    )]
    Kl {
        /// The file of P: a .csv, .tsv, .npy or .parquet file, a directory of .parquet files, or
        /// a quoted glob of them.
        p: PathBuf,
        /// The file of Q (the same forms as P).
        q: PathBuf,
        /// The column to read when a file holds a table (in both files).
        #[arg(long, short)]
        column: Option<String>,
        /// Divide each input by its sum first (for counts or weights).
        #[arg(long)]
        normalize: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Capacity of a discrete memoryless channel given as a matrix file (row x = P(Y | X = x)),
    /// by Blahut–Arimoto with a certified gap.
    #[command(after_help = "Examples:\n  sanov capacity channel.csv --base 2\n  \
                      sanov capacity channel.npy --tolerance 1e-10 --format json")]
    Capacity {
        /// The channel matrix (.csv without or with a header row, or a 2-D .npy).
        channel: PathBuf,
        /// Stop when the certified gap is at most this many nats.
        #[arg(long, default_value_t = 1e-12, allow_hyphen_values = true)]
        tolerance: f64,
        #[command(flatten)]
        common: Common,
    },
    /// Maximum-entropy distribution on a finite support with a given mean (and optionally
    /// second moment): p_x ∝ exp(λ₁x + λ₂x²).
    #[command(after_help = "Examples:\n  sanov maxent --support 1..6 --mean 4.8\n  \
                      sanov maxent --support 0,1,2,5 --mean 2 --second-moment 6 --format json")]
    Maxent {
        /// The support: an integer range `a..b` (inclusive) or a comma-separated list.
        #[arg(long, allow_hyphen_values = true)]
        support: String,
        /// The required mean E[X].
        #[arg(long, allow_hyphen_values = true)]
        mean: f64,
        /// The required second moment E[X²].
        #[arg(long, allow_hyphen_values = true)]
        second_moment: Option<f64>,
        #[command(flatten)]
        common: Common,
    },
    /// Transfer entropy TE(source -> target) between columns of a data file (rows = time
    /// steps): plug-in (or bias-corrected) on integer columns, or KSG on real columns; with
    /// --condition, conditional transfer entropy; with --permutations, a permutation test.
    #[command(
        after_help = "Examples:\n  sanov te series.csv --source y --target x\n  \
                      sanov te series.csv -s y -t x --k 2 --l 1 --delay 3 --permutations 999\n  \
                      sanov te data.npy -s 0 -t 1 --estimator ksg --neighbors 4 --format json"
    )]
    Te(crate::te::TeArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  sanov completions bash > ~/.local/share/bash-completion/completions/sanov\n  \
                      sanov completions zsh > ~/.zfunc/_sanov\n  sanov completions fish > ~/.config/fish/completions/sanov.fish"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Image formats of Figure 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageFormat {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics.
    Png,
}
