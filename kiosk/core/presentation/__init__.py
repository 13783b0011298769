"""What each screen shows, as plain dictionaries in one language, and every view a visitor can reach."""
