// The operator console: signs the person in with their normal credentials, lets in only accounts
// holding the platform role OPERATOR, and routes between the pages (#/jobs, #/jobs/<id>, #/preview).
import { api, hasSession, loadConfig, onSessionEnded, signIn, signOut } from './api.js';
import { h, update } from './dom.js';
import { healthStrip } from './health.js';
import { jobView } from './job.js';
import { jobsView } from './jobs.js';
import { previewView } from './preview.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const account = document.getElementById('account');
const health = document.getElementById('health');
let operator = null;
let view = null;
let strip = null;

async function start() {
  try {
    await loadConfig();
  } catch (e) {
    update(main, h('h1', null, 'The console cannot start'), h('p', { role: 'alert' }, e.message));
    return;
  }
  onSessionEnded((reason) => showSignIn(reason));
  document.getElementById('sign-out').addEventListener('click', async () => {
    leave();
    await signOut();
    showSignIn('You are signed out.');
  });
  window.addEventListener('hashchange', route);
  if (hasSession()) {
    await enter();
  } else {
    showSignIn();
  }
}

/** After sign-in (or a reload with tokens kept): who is this, and are they an operator? */
async function enter() {
  let me;
  try {
    me = await api('GET', '/api/v1/users/me', { auth: true });
  } catch (e) {
    showSignIn(e.message);
    return;
  }
  if (!(me.platform_roles || []).includes('OPERATOR')) {
    showNotOperator(me);
    return;
  }
  operator = me;
  document.getElementById('account-email').textContent = me.email;
  nav.hidden = false;
  account.hidden = false;
  health.hidden = false;
  strip = healthStrip(health);
  if (!location.hash.startsWith('#/') || location.hash.startsWith('#/sign-in')) {
    history.replaceState(null, '', '#/jobs');
  }
  route();
}

function route() {
  const hash = location.hash;
  if (!operator || (hash && !hash.startsWith('#/'))) {
    // Not signed in, or an anchor within the page (the skip link): nothing to route.
    return;
  }
  const [path, query] = hash.slice(1).split('?');
  const params = new URLSearchParams(query || '');
  view?.stop();
  let match;
  if (path === '/jobs' || path === '/' || path === '') {
    view = jobsView(main, params);
  } else if ((match = path.match(/^\/jobs\/([0-9a-fA-F-]{36})$/))) {
    view = jobView(main, match[1].toLowerCase());
  } else if (path === '/preview') {
    view = previewView(main, params);
  } else {
    view = null;
    update(main, h('h1', { tabindex: '-1' }, 'No such page'), h('p', null, h('a', { href: '#/jobs' }, 'Go to the jobs list')));
  }
  for (const link of nav.querySelectorAll('a')) {
    if (path.startsWith(link.dataset.route)) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  // A new page: its heading takes focus, so keyboard and screen reader users start there.
  main.querySelector('h1')?.focus();
}

function leave() {
  operator = null;
  view?.stop();
  view = null;
  strip?.stop();
  strip = null;
  nav.hidden = true;
  account.hidden = true;
  health.hidden = true;
  health.replaceChildren();
}

function showSignIn(message) {
  leave();
  if (/^#\/(jobs|preview)/.test(location.hash)) {
    // Back to the same page after signing in again.
    sessionStorage.setItem('bakery-console.after-sign-in', location.hash);
  }
  history.replaceState(null, '', '#/sign-in');
  const email = h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true,
    maxlength: 254 });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password',
    required: true, maxlength: 1000 });
  const problem = h('div', { class: 'problem', role: 'alert', id: 'sign-in-problem' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'sign-in' }, 'Sign in');
  const form = h('form', { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title', tabindex: '-1' }, 'Sign in'),
    h('p', null, 'Sign in with your own account. The console is for people whose account holds the platform role'
      + ' OPERATOR; everything it does is recorded under your id.'),
    message ? h('p', { class: 'notice', role: 'status' }, message) : null,
    h('div', { class: 'field' }, h('label', { for: 'email' }, 'E-mail'), email),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Password'), password),
    problem,
    h('div', { class: 'buttons' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    problem.replaceChildren();
    try {
      await signIn(email.value.trim(), password.value);
    } catch (e) {
      update(problem, h('p', null, e.message));
      submit.disabled = false;
      password.select();
      return;
    }
    const back = sessionStorage.getItem('bakery-console.after-sign-in');
    sessionStorage.removeItem('bakery-console.after-sign-in');
    history.replaceState(null, '', back || '#/jobs');
    await enter();
  });
  update(main, form);
  email.focus();
}

function showNotOperator(me) {
  leave();
  account.hidden = false;
  document.getElementById('account-email').textContent = me.email;
  history.replaceState(null, '', '#/not-an-operator');
  update(main, h('h1', { tabindex: '-1', id: 'not-operator' }, 'This account is not a platform operator'),
    h('p', null, `You are signed in as ${me.email}, whose account does not hold the platform role OPERATOR, so the`
      + ' console shows nothing here. An administrator grants the role (docs/security.md, "The platform OPERATOR");'
      + ' then sign out and sign in again.'));
  main.querySelector('h1').focus();
}

start();
