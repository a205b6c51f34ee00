"""Export: the consolidated draft working paper in Word, and the team's tables."""
