"""Using cameras: the permitted catalogue of a logged-in person, opening and closing views
(each one audited in the usage register, R11), and closing views whose right has gone."""
