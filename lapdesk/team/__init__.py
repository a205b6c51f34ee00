"""Team work (issue #14): replicas of one store that each work offline, and the packs that
carry their changes to one another.  See docs/team.md."""
