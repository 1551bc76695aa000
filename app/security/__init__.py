"""Key management: password and recovery-code wrapping, OS credential store, throttling."""
