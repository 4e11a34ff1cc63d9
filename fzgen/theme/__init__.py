"""The theme: UI catalogues, the Jinja environment and the theme's templates."""
