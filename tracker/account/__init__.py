"""The signed-in user's own account: details, password and personal API tokens."""
