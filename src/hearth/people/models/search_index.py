from __future__ import annotations

from django.db import models


class PersonSearchName(models.Model):
    """One searchable name of a person (the main name and each alias), with match keys.

    Maintained by ``hearth.people.search.reindex_person`` whenever a person changes.

    Migration 0002 adds what Django cannot declare for both engines: on PostgreSQL the
    blocking indexes below are rebuilt as covering indexes (``INCLUDE`` the columns search
    reads, so candidates come from index pages alone) and a GIN trigram index on
    ``(birth_year, full_norm)``; on SQLite an FTS5 ``trigram`` table over ``full_norm``
    (``people_psn_fts``) kept in step by triggers.
    """

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="search_names")
    is_primary = models.BooleanField(default=True)
    kind = models.CharField(max_length=10, default="primary")  # primary | alias | previous
    display = models.CharField(max_length=201, blank=True, default="")
    given_norm = models.CharField(max_length=100)
    family_norm = models.CharField(max_length=100)
    full_norm = models.CharField(max_length=201)
    given_phon = models.CharField(max_length=20)
    family_phon = models.CharField(max_length=20)
    date_of_birth = models.DateField(null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    postcodes = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["family_phon", "given_phon", "birth_year"],
                         name="psn_phon_year"),
            models.Index(fields=["birth_year", "family_phon", "given_norm"],
                         name="psn_year_family"),
            models.Index(fields=["birth_year", "given_phon", "family_norm"],
                         name="psn_year_given"),
            models.Index(fields=["date_of_birth"], name="psn_dob"),
            models.Index(fields=["given_phon"], name="psn_given_phon"),
        ]

    def __str__(self) -> str:
        return f"{self.display} ({self.kind})"
