from django.contrib import admin

from .models import Call, Criterion, Evaluator, RequiredDocument


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class EvaluatorInline(admin.TabularInline):
    model = Evaluator
    extra = 0
    raw_id_fields = ["user"]
    readonly_fields = ["no_conflict_declared_at", "submitted_at"]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "kind", "opens_at", "closes_at", "time_zone"]
    list_filter = ["kind"]
    search_fields = ["reference", "title"]
    inlines = [RequiredDocumentInline, CriterionInline, EvaluatorInline]
