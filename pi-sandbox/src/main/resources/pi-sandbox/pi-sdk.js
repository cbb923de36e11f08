/*
 * pi-sandbox's Pi SDK emulator: window.Pi as https://sdk.minepi.com/pi-sdk.js provides it
 * inside the Pi Browser, played against pi-sandbox. Load it with
 *   <script src="http://127.0.0.1:8090/pi-sdk.js"></script>
 * from any origin. It finds the sandbox from its own URL and talks to it with fetch
 * (CORS, no credentials) on the /sdk/ endpoints.
 *
 * Emulated: Pi.init, Pi.authenticate (a picker of the sandbox's demo users stands in for
 * the consent dialog; onIncompletePaymentFound), Pi.createPayment (a wallet dialog stands
 * in for the Pi wallet; onReadyForServerApproval, onReadyForServerCompletion, onCancel,
 * onError), Pi.nativeFeaturesList (none) and Pi.openShareDialog (does nothing). Every
 * dialog says "Pi sandbox", so nobody mistakes it for the real wallet.
 *
 * It must run under a strict Content-Security-Policy of the page that loads it: nothing
 * turns strings into code, no inline event handlers, no style attributes or <style>
 * elements (styles are set through element.style, which CSP allows), and text goes in
 * through textContent only.
 *
 * Stable selectors for browser tests: [data-pi-sandbox="picker"] holds one
 * [data-pi-sandbox-user="<username>"] button per user; [data-pi-sandbox="wallet"] holds
 * [data-pi-sandbox-action="confirm"] and [data-pi-sandbox-action="cancel"]; the picker
 * has a cancel action too.
 */
(() => {
	'use strict';

	// The scopes Pi's SDK accepts; others are refused before anything is shown.
	const SCOPES = ['username', 'payments', 'wallet_address'];

	// How often the wallet looks whether the app's server has approved.
	const POLL_MS = 500;

	// Pi re-fires onReadyForServerApproval and onReadyForServerCompletion about every
	// 10 s while the server has not acted, the latter at most 5 times.
	const REFIRE_MS = 10000;
	const COMPLETION_REFIRES = 5;

	// Past the sandbox's approval timeout the sandbox itself reports the payment cancelled;
	// this margin only matters when the sandbox's clock stands still (tests).
	const APPROVAL_GRACE_MS = 5000;

	const REQUEST_TIMEOUT_MS = 10000;

	const Z_TOP = '2147483647';

	const sandboxBase = new URL('.', scriptUrl());

	const state = {
		options: null,
		accessToken: null,
		onIncompletePaymentFound: null,
		picking: null,
		config: null,
	};

	/** The URL this script was loaded from: the sandbox's base URL follows from it. */
	function scriptUrl() {
		const current = document.currentScript;
		if (current && current.src) {
			return current.src;
		}
		// Not while the script runs (e.g. loaded by another script): find the tag.
		for (const tag of document.querySelectorAll('script[src]')) {
			if (/\/pi-sdk\.js([?#]|$)/.test(tag.src)) {
				return tag.src;
			}
		}
		console.error('Pi sandbox: cannot tell where pi-sdk.js came from; assuming this page\'s origin');
		return location.origin + '/pi-sdk.js';
	}

	/** A refusal from the sandbox, with Pi's error code and body. */
	class PiSandboxError extends Error {
		constructor(status, body) {
			super((body && body.error_message) || ('pi-sandbox answered HTTP ' + status));
			this.name = 'PiSandboxError';
			this.status = status;
			this.code = body ? body.error : undefined;
			this.body = body;
		}
	}

	async function call(method, path, token, body) {
		const headers = {};
		if (token) {
			headers.Authorization = 'Bearer ' + token;
		}
		if (body !== undefined) {
			headers['Content-Type'] = 'application/json';
		}
		let response;
		let text;
		try {
			response = await fetch(new URL(path, sandboxBase), {
				method,
				headers,
				body: (body !== undefined) ? JSON.stringify(body) : undefined,
				mode: 'cors',
				credentials: 'omit',
				cache: 'no-store',
				signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
			});
			text = await response.text();
		}
		catch (ex) {
			throw new Error('pi-sandbox did not answer at ' + sandboxBase.origin + ': ' + ex.message);
		}
		let json = null;
		try {
			json = text ? JSON.parse(text) : null;
		}
		catch (ex) {
			json = null;
		}
		if (!response.ok) {
			throw new PiSandboxError(response.status, json);
		}
		return json;
	}

	function paymentPath(id, action) {
		return 'sdk/payments/' + encodeURIComponent(id) + (action ? '/' + action : '');
	}

	/** Calls one of the app's callbacks; a callback that throws or rejects is logged, not fatal. */
	function invoke(name, callback, ...args) {
		if (typeof callback !== 'function') {
			return;
		}
		try {
			const result = callback(...args);
			if (result && typeof result.then === 'function') {
				result.then(undefined, (ex) => console.error('Pi sandbox: ' + name + ' failed', ex));
			}
		}
		catch (ex) {
			console.error('Pi sandbox: ' + name + ' threw', ex);
		}
	}

	function sleep(ms) {
		return new Promise((resolve) => setTimeout(resolve, ms));
	}

	function requireInit() {
		if (!state.options) {
			throw new Error('Pi Network SDK was not initialized. Call init() before any other method.');
		}
	}

	function isCancelled(payment) {
		return payment.status.cancelled || payment.status.user_cancelled;
	}

	// ---- UI: built with createElement and textContent, styled through element.style ----

	function element(tag, style, text) {
		const node = document.createElement(tag);
		Object.assign(node.style, style || {});
		if (text !== undefined) {
			node.textContent = text;
		}
		return node;
	}

	function button(text, primary) {
		const node = element('button', {
			font: 'inherit',
			padding: '8px 14px',
			borderRadius: '8px',
			cursor: 'pointer',
			border: primary ? '1px solid #5a2d91' : '1px solid #bbb',
			background: primary ? '#5a2d91' : '#fff',
			color: primary ? '#fff' : '#222',
		}, text);
		node.type = 'button';
		return node;
	}

	/** A modal dialog over the app; {kind} becomes its data-pi-sandbox selector. */
	function dialog(kind, title) {
		const backdrop = element('div', {
			position: 'fixed',
			inset: '0',
			zIndex: Z_TOP,
			display: 'flex',
			alignItems: 'center',
			justifyContent: 'center',
			background: 'rgba(0, 0, 0, 0.45)',
		});
		backdrop.dataset.piSandbox = kind;
		backdrop.setAttribute('role', 'dialog');
		backdrop.setAttribute('aria-modal', 'true');
		backdrop.setAttribute('aria-label', title);
		const panel = element('div', {
			boxSizing: 'border-box',
			width: 'min(340px, 92vw)',
			padding: '18px 20px',
			borderRadius: '12px',
			background: '#fff',
			color: '#222',
			font: '14px/1.45 system-ui, sans-serif',
			boxShadow: '0 8px 30px rgba(0, 0, 0, 0.3)',
		});
		const badge = element('div', {
			display: 'inline-block',
			padding: '2px 8px',
			borderRadius: '999px',
			background: '#5a2d91',
			color: '#fff',
			fontSize: '12px',
			fontWeight: '600',
		}, 'Pi sandbox');
		const heading = element('div', { margin: '10px 0 4px', fontSize: '16px', fontWeight: '600' }, title);
		const note = element('div', { marginBottom: '12px', color: '#666', fontSize: '12px' },
			'Emulated by pi-sandbox for development. This is not the Pi Browser or the Pi wallet.');
		panel.append(badge, heading, note);
		backdrop.append(panel);
		(document.body || document.documentElement).append(backdrop);
		return {
			panel,
			close: () => backdrop.remove(),
		};
	}

	function actions(...buttons) {
		const row = element('div', { display: 'flex', gap: '8px', justifyContent: 'flex-end', marginTop: '14px' });
		row.append(...buttons);
		return row;
	}

	/** Resolves to the picked username; rejects as Pi does when the user closes the dialog. */
	function pickUser() {
		if (!state.picking) {
			state.picking = call('GET', 'sdk/users').then((answer) => new Promise((resolve, reject) => {
				const picker = dialog('picker', 'Sign in to this app as a demo user');
				const list = element('div', { display: 'flex', flexDirection: 'column', gap: '6px' });
				for (const user of answer.users) {
					const choice = button(user.username, true);
					choice.dataset.piSandboxUser = user.username;
					choice.addEventListener('click', () => {
						picker.close();
						resolve(user.username);
					});
					list.append(choice);
				}
				if (answer.users.length === 0) {
					list.append(element('div', {}, 'No demo user has a valid token. Check pi.sandbox.users.'));
				}
				const cancel = button('Cancel', false);
				cancel.dataset.piSandboxAction = 'cancel';
				cancel.addEventListener('click', () => {
					picker.close();
					reject(new Error('User consent cancelled.'));
				});
				picker.panel.append(list, actions(cancel));
			})).finally(() => {
				state.picking = null;
			});
		}
		return state.picking;
	}

	/** Resolves to true (Confirm) or false (Cancel). */
	function confirmInWallet(payment) {
		return new Promise((resolve) => {
			const wallet = dialog('wallet', 'Pi sandbox wallet');
			const unit = (payment.network === 'Pi Network') ? 'π' : 'Test-π';
			const amount = element('div', { fontSize: '22px', fontWeight: '600' }, payment.amount + ' ' + unit);
			const memo = element('div', { marginTop: '6px' }, 'Memo: ' + payment.memo);
			const to = element('div', { marginTop: '6px', color: '#666', fontSize: '12px', wordBreak: 'break-all' },
				'To the app wallet ' + payment.to_address);
			const confirm = button('Confirm', true);
			const cancel = button('Cancel', false);
			confirm.dataset.piSandboxAction = 'confirm';
			cancel.dataset.piSandboxAction = 'cancel';
			const answer = (confirmed) => {
				wallet.close();
				resolve(confirmed);
			};
			confirm.addEventListener('click', () => answer(true));
			cancel.addEventListener('click', () => answer(false));
			wallet.panel.append(amount, memo, to, actions(cancel, confirm));
		});
	}

	// ---- window.Pi ----

	function init(options) {
		if (!options || options.version !== '2.0') {
			return Promise.reject(new Error('Unrecognized version number'));
		}
		state.options = { version: options.version, sandbox: Boolean(options.sandbox) };
		return Promise.resolve();
	}

	async function authenticate(scopes, onIncompletePaymentFound) {
		requireInit();
		if (!Array.isArray(scopes) || !scopes.every((scope) => SCOPES.includes(scope))) {
			throw new Error('Invalid scopes found. Please check the scopes you\'re requesting again.');
		}
		const username = await pickUser();
		const auth = await call('POST', 'sdk/authenticate', undefined, { username, scopes: [...scopes] });
		state.accessToken = auth.accessToken;
		state.onIncompletePaymentFound = onIncompletePaymentFound;
		// Like Pi, the check runs on every sign-in; its failure does not fail the sign-in.
		try {
			const incomplete = await call('GET', 'sdk/payments/incomplete', auth.accessToken);
			if (incomplete.exists) {
				invoke('onIncompletePaymentFound', onIncompletePaymentFound, incomplete.payment);
			}
		}
		catch (ex) {
			console.error('Pi sandbox: the incomplete-payment check failed', ex);
		}
		return { accessToken: auth.accessToken, user: auth.user };
	}

	function createPayment(paymentData, callbacks) {
		requireInit();
		runPayment(paymentData || {}, callbacks || {});
	}

	async function runPayment(paymentData, callbacks) {
		let payment;
		try {
			const token = state.accessToken;
			if (!token) {
				throw new Error('Pi sandbox: call Pi.authenticate with the "payments" scope before Pi.createPayment.');
			}
			const config = await loadConfig();
			try {
				payment = await call('POST', 'sdk/payments', token,
					{ amount: paymentData.amount, memo: paymentData.memo, metadata: paymentData.metadata });
			}
			catch (ex) {
				// The user's earlier payment has a transaction the app has not completed: Pi
				// refuses the new one and hands the old one to onIncompletePaymentFound.
				if (ex.code === 'ongoing_payment_found' && ex.body && ex.body.payment) {
					invoke('onError', callbacks.onError, new Error('A pending payment needs to be handled.'),
						ex.body.payment);
					invoke('onIncompletePaymentFound', state.onIncompletePaymentFound, ex.body.payment);
					return;
				}
				throw ex;
			}
			const id = payment.identifier;
			payment = await awaitApproval(payment, token, callbacks, config);
			if (!payment.status.developer_approved) {
				invoke('onCancel', callbacks.onCancel, id);
				return;
			}
			if (!await confirmInWallet(payment)) {
				payment = await cancelled(call('POST', paymentPath(id, 'user_cancel'), token), payment);
				invoke('onCancel', callbacks.onCancel, id);
				return;
			}
			const submitted = await cancelled(call('POST', paymentPath(id, 'transaction'), token), null);
			if (!submitted) {
				invoke('onCancel', callbacks.onCancel, id);
				return;
			}
			payment = submitted;
			refireCompletion(payment, token, callbacks);
		}
		catch (ex) {
			invoke('onError', callbacks.onError, ex, (ex.body && ex.body.payment) || payment);
		}
	}

	/** The sandbox's approval timeout; fetched once, before the first payment. */
	function loadConfig() {
		if (!state.config) {
			state.config = call('GET', 'sdk/config').catch((ex) => {
				state.config = null;
				throw ex;
			});
		}
		return state.config;
	}

	/**
	 * A wallet call that may find the payment already cancelled (by the app's server, or
	 * by Pi's approval timer): that is a cancel, not an error; it resolves to
	 * {fallback}.
	 */
	async function cancelled(request, fallback) {
		try {
			return await request;
		}
		catch (ex) {
			if (ex.code === 'cancelled_payment') {
				return fallback;
			}
			throw ex;
		}
	}

	/**
	 * Fires onReadyForServerApproval, then waits until the app's server has approved the
	 * payment through the Platform API, re-firing the callback every 10 s as Pi does.
	 * Resolves to the payment once approved or cancelled; past the approval timeout it
	 * resolves to the unapproved payment, which the caller treats as cancelled.
	 */
	async function awaitApproval(payment, token, callbacks, config) {
		const id = payment.identifier;
		const deadline = Date.now() + config.approvalTimeoutMs + APPROVAL_GRACE_MS;
		let refireAt = Date.now() + REFIRE_MS;
		invoke('onReadyForServerApproval', callbacks.onReadyForServerApproval, id);
		while (Date.now() < deadline) {
			await sleep(POLL_MS);
			payment = await call('GET', paymentPath(id), token);
			if (payment.status.developer_approved || isCancelled(payment)) {
				return payment;
			}
			if (Date.now() >= refireAt) {
				refireAt += REFIRE_MS;
				invoke('onReadyForServerApproval', callbacks.onReadyForServerApproval, id);
			}
		}
		return payment;
	}

	/**
	 * Fires onReadyForServerCompletion, and again every 10 s (at most 5 times) while the
	 * app's server has not completed the payment, as Pi does. Runs on its own: the flow
	 * is over for the app once the callback fired.
	 */
	async function refireCompletion(payment, token, callbacks) {
		const id = payment.identifier;
		const txid = payment.transaction.txid;
		invoke('onReadyForServerCompletion', callbacks.onReadyForServerCompletion, id, txid);
		for (let refires = 0; refires < COMPLETION_REFIRES; refires++) {
			await sleep(REFIRE_MS);
			try {
				const current = await call('GET', paymentPath(id), token);
				if (current.status.developer_completed || isCancelled(current)) {
					return;
				}
			}
			catch (ex) {
				console.warn('Pi sandbox: cannot tell whether payment ' + id + ' was completed', ex);
				return;
			}
			invoke('onReadyForServerCompletion', callbacks.onReadyForServerCompletion, id, txid);
		}
	}

	async function nativeFeaturesList() {
		requireInit();
		// A desktop browser has none of the Pi Browser's native features.
		return [];
	}

	function openShareDialog(title, message) {
		requireInit();
		console.info('Pi sandbox: openShareDialog is not emulated', { title, message });
	}

	window.Pi = {
		init,
		authenticate,
		createPayment,
		nativeFeaturesList,
		openShareDialog,
	};
})();
