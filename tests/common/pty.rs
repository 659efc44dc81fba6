//! Driving the real binary in a pseudo-terminal.
