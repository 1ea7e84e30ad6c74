from django import template

register = template.Library()


@register.filter
def field_error(errors, question_id):
    return errors.get(f"question-{question_id}", "")
