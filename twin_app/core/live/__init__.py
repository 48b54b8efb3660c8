"""Live and recorded system data: observations, the store that keeps them, and the sources that bring them."""
