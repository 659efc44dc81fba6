//! Emulator helpers (SDK clients per test account).
