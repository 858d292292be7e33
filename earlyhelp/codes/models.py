from django.db import models


class CodeQuerySet(models.QuerySet):
    def of(self, list_name: str) -> "CodeQuerySet":
        return self.filter(list_name=list_name, active=True)


class Code(models.Model):
    """One entry of an official code list (DfE ethnicity, CIN census codes, Annex A, ...).

    One table for every list keeps reference data uniform: administrators disable a code, never delete it,
    and returns (CIN census, Annex A) read the code straight from here.
    """

    list_name = models.CharField(max_length=60)
    code = models.CharField(max_length=40)
    label = models.CharField(max_length=200)
    group = models.CharField(max_length=120, blank=True)
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)
    source = models.CharField(max_length=120, blank=True, help_text="The file of the official list it came from")

    objects = CodeQuerySet.as_manager()

    class Meta:
        ordering = ["list_name", "order", "label"]
        constraints = [models.UniqueConstraint(fields=["list_name", "code"], name="code_unique_per_list")]

    def __str__(self) -> str:
        return self.label
