"""Curator proof sheets: every view of the exhibit rendered offscreen in every language and screen shape, checked
for text that does not fit or is too small, poor contrast, small touch targets, blurry or missing images and
missing translations, and reported against the content fields that cause each problem (``kiosk proof``)."""
