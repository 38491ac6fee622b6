"""Instagram: read from Meta Business Suite's exports (posts and daily series) into an account channel."""
