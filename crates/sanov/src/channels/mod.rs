//! Channels and their capacities.

mod awgn;

pub use awgn::awgn_capacity;
