from django import template

from palabre.imports.report import report_summary

register = template.Library()
register.simple_tag(report_summary)
