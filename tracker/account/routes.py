"""The account page: every signed-in user's details, password and API tokens."""
from flask import (Blueprint, abort, current_app, flash, redirect, render_template, request,
                   url_for)
from flask_login import current_user, login_required, login_user

from ..auth import throttle
from ..extensions import db
from ..models import ApiToken
from ..services import Refusal, show_refusal
from . import services
from .forms import PasswordForm, TokenForm

bp = Blueprint("account", __name__, url_prefix="/account")


def render_account(password_form=None, token_form=None, new_token=None):
    return render_template(
        "account/account.html",
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
    flash("Your password is changed. Your other sessions are signed out.", "success")
    return redirect(url_for(".show"))


@bp.route("/tokens", methods=["POST"])
@login_required
def create_token():
    form = TokenForm()
    if not form.validate_on_submit():
        return render_account(token_form=form)
    try:
        token = services.create_token(current_user, form.name.data)
    except Refusal as refusal:
        db.session.rollback()
        show_refusal(form, refusal)
        return render_account(token_form=form)
    db.session.commit()
    return render_account(new_token=token)


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id or token.revoked_at is not None:
        abort(404)
    services.revoke_token(token)
    db.session.commit()
    flash(f"Token “{token.name}” is revoked; programs using it are refused from now on.", "success")
    return redirect(url_for(".show"))
