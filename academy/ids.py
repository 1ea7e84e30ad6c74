"""Row ids as input: within the database's integer range, or refused as invalid.

Django turns an out-of-range id in an exact lookup into "no such row", but not in
`id IN (...)` or a filter on a Decimal, where SQLite raises OverflowError and
PostgreSQL a DataError: a server error for what is only bad input.
"""

from django import forms
from rest_framework import serializers

MAX_ID = 2**63 - 1


class IdField(serializers.IntegerField):
    """An API integer that names a row."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """ModelMultipleChoiceField that refuses an id no row can have before querying with it."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # Django's own check reports it
            if not 1 <= number <= MAX_ID:
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                            params={"value": pk})
        return super()._check_values(value)
