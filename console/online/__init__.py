"""Online rates per unit and region (issue 14 item 9)."""
