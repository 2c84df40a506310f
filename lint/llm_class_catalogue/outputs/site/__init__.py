"""The static site: pure builders from export 2 (and the routing recipes, when there are any) to the
text of every file, by its path in the build folder."""
