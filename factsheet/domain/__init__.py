"""The domain: records, dates, figures, and the rules for origins, independence and grades."""
