"""The account page: every signed-in user's details, language, password and API tokens."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required, login_user

from ..auth import throttle
from ..extensions import db
from ..models import ApiToken
from ..services import Refusal, commit_or_refuse, show_refusal
from . import services
from .forms import LanguageForm, PasswordForm, TokenForm

bp = Blueprint("account", __name__, url_prefix="/account")


def render_account(password_form=None, token_form=None, new_token=None, language_form=None):
    return render_template(
        "account/account.html",
        language_form=language_form or LanguageForm(formdata=None,
                                                    language=current_user.locale or ""),
        password_form=password_form or PasswordForm(formdata=None),
        token_form=token_form or TokenForm(formdata=None),
        tokens=services.active_tokens(current_user),
        new_token=new_token,
    )


@bp.route("")
@login_required
def show():
    return render_account()


@bp.route("/password", methods=["POST"])
@login_required
def change_password():
    form = PasswordForm()
    if not form.validate_on_submit():
        return render_account(password_form=form)
    user = current_user._get_current_object()
    # A stolen session must not become a way to guess the password at leisure.
    if throttle.is_blocked(user.email, request.remote_addr):
        abort(429)
    try:
        services.change_password(user, form.current_password.data, form.new_password.data)
    except Refusal as refusal:
        db.session.rollback()
        if refusal.field == "current_password":
            throttle.record_failure(user.email, request.remote_addr)
            db.session.commit()
        show_refusal(form, refusal)
        return render_account(password_form=form)
    db.session.commit()
    # Every session ended with the old token; carry this one on with the new token.
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    login_user(user, remember=remember_cookie in request.cookies)
    flash(_("Your password is changed. Your other sessions are signed out."), "success")
    return redirect(url_for(".show"))


@bp.route("/language", methods=["POST"])
@login_required
def change_language():
    form = LanguageForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        saved, _result = commit_or_refuse(form, services.set_language, user, form.language.data)
        if saved:
            # "The browser's" must not be overridden by an earlier choice kept in the session.
            if user.locale:
                session["locale"] = user.locale
            else:
                session.pop("locale", None)
            refresh()  # the message below in the language just chosen
            flash(_("Your language setting is saved."), "success")
            return redirect(url_for(".show"))
    return render_account(language_form=form)


@bp.route("/tokens", methods=["POST"])
@login_required
def create_token():
    form = TokenForm()
    if form.validate_on_submit():
        saved, token = commit_or_refuse(form, services.create_token, current_user, form.name.data)
        if saved:
            return render_account(new_token=token)
    return render_account(token_form=form)


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id or token.revoked_at is not None:
        abort(404)
    services.revoke_token(token)
    db.session.commit()
    flash(_("Token “%(name)s” is revoked; programs using it are refused from now on.",
            name=token.name), "success")
    return redirect(url_for(".show"))
