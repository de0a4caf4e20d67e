/**
 * The exceptions of django.http / django.core.exceptions / django.core.signing (inventory
 * §1.13): status, statusCode and expose for Express and http-errors, instanceof chains,
 * names, and the cross-copy isHttpError guard.
 */
import {
  BadHeaderError,
  BadRequest,
  BadSignature,
  DisallowedRedirect,
  Http404,
  HttpError,
  PermissionDenied,
  SignatureExpired,
  SuspiciousOperation,
  isHttpError,
} from '../../lib/index.js';
import { HTTP_ERROR_BRAND } from '../../lib/http/errors.js';
import { inspect } from 'node:util';

describe('HTTP errors', () => {
  // §1.13 response_for_exception mapping
  it.each([
    [Http404, 'Http404', 404],
    [PermissionDenied, 'PermissionDenied', 403],
    [BadRequest, 'BadRequest', 400],
    [SuspiciousOperation, 'SuspiciousOperation', 400],
    [DisallowedRedirect, 'DisallowedRedirect', 400],
  ])('%p is named %s and answers %d', (Cls, name, status) => {
    const err = new Cls('message');
    expect(err).toBeInstanceOf(Error);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.name).toBe(name);
    expect(err.message).toBe('message');
    expect(err.status).toBe(status);
    expect(err.statusCode).toBe(status);
    expect(Cls.status).toBe(status);
    expect(String(err)).toBe(`${name}: message`);
    expect(err.stack?.split('\n')[0]).toBe(`${name}: message`);
    expect(inspect(err)).toMatch(new RegExp(`^${name}: message`));
  });

  it('exposes the message of client errors, as http-errors does', () => {
    expect(new Http404().expose).toBe(true);
    expect(new PermissionDenied().expose).toBe(true);
    expect(new DisallowedRedirect().expose).toBe(true);
  });

  it('has an empty message by default', () => {
    expect(new Http404().message).toBe('');
  });

  it('keeps a cause', () => {
    const cause = new Error('db');
    expect(new Http404('No Book matches the given query.', { cause }).cause).toBe(cause);
  });

  it('DisallowedRedirect is a SuspiciousOperation (Django’s hierarchy)', () => {
    const err = new DisallowedRedirect('Unsafe redirect');
    expect(err).toBeInstanceOf(SuspiciousOperation);
    expect(err).not.toBeInstanceOf(BadRequest);
  });

  it('keeps the classes apart', () => {
    expect(new Http404()).not.toBeInstanceOf(PermissionDenied);
    expect(new BadRequest()).not.toBeInstanceOf(SuspiciousOperation);
  });

  it('a subclass with its own static status answers with it', () => {
    class Teapot extends HttpError {
      static override readonly status = 418;
    }
    expect(new Teapot().status).toBe(418);
    expect(new Teapot().expose).toBe(true);
    class Unavailable extends HttpError {
      static override readonly status = 503;
    }
    expect(new Unavailable().expose).toBe(false);
  });

  it('status is readonly data, visible to Express and http-errors', () => {
    const err = new Http404();
    expect(Object.keys(err)).toEqual(expect.arrayContaining(['status', 'expose']));
    expect((err as unknown as { statusCode: number }).statusCode).toBe(404);
  });
});

describe('isHttpError', () => {
  it.each([
    [new Http404()],
    [new PermissionDenied()],
    [new BadRequest()],
    [new SuspiciousOperation()],
    [new DisallowedRedirect()],
  ])('recognises %p', (err) => {
    expect(isHttpError(err)).toBe(true);
  });

  it.each([
    [new Error('x')],
    [new BadHeaderError('x')],
    [new BadSignature('x')],
    [{ status: 404 }],
    [null],
    [undefined],
    ['Http404'],
  ])('rejects %p', (value) => {
    expect(isHttpError(value)).toBe(false);
  });

  it('recognises an error from another copy of the package by its Symbol.for brand', () => {
    expect(HTTP_ERROR_BRAND).toBe(Symbol.for('express-httpresponse.HttpError'));
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('express-httpresponse.HttpError')]: true,
      status: 404,
    });
    expect(isHttpError(foreign)).toBe(true);
  });
});

describe('errors that are not HTTP errors', () => {
  // Django: BadHeaderError(ValueError); here an Error thrown where the header is set
  it('BadHeaderError is an Error named BadHeaderError without a status', () => {
    const err = new BadHeaderError("Header values can't contain newlines");
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('BadHeaderError');
    expect((err as unknown as { status?: number }).status).toBeUndefined();
  });

  // django.core.signing: SignatureExpired(BadSignature)
  it('SignatureExpired is a BadSignature', () => {
    const err = new SignatureExpired('Signature age 70 > 60 seconds');
    expect(err).toBeInstanceOf(BadSignature);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('SignatureExpired');
    expect(new BadSignature('x').name).toBe('BadSignature');
    expect(new BadSignature('x')).not.toBeInstanceOf(SignatureExpired);
    expect(isHttpError(err)).toBe(false);
  });
});
