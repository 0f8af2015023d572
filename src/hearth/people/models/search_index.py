from __future__ import annotations

from django.db import models


class PersonSearchName(models.Model):
    """One searchable name of a person (the main name and each alias), with match keys.

    Maintained by ``hearth.people.search.reindex_person`` whenever a person changes.
    """

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="search_names")
    is_primary = models.BooleanField(default=True)
    given_norm = models.CharField(max_length=100)
    family_norm = models.CharField(max_length=100)
    full_norm = models.CharField(max_length=201)
    given_phon = models.CharField(max_length=20, db_index=True)
    family_phon = models.CharField(max_length=20)
    date_of_birth = models.DateField(null=True, blank=True, db_index=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    postcodes = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["family_phon", "given_phon"], name="psn_phon"),
            models.Index(fields=["family_norm"], name="psn_family"),
        ]
