from django import forms
from django.utils.translation import gettext_lazy as _


class SaveSearchForm(forms.Form):
    name = forms.CharField(required=False, max_length=200, label=_("Name"))
    query = forms.CharField(max_length=4000, widget=forms.HiddenInput)


class NoteForm(forms.Form):
    text = forms.CharField(
        max_length=5000, label=_("Note"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AlertForm(forms.Form):
    alert = forms.BooleanField(required=False)
