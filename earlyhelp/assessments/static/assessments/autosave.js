// Saves an assessment section as the practitioner types, so nothing is lost to a closed tab or an expired session.
// Progressive enhancement: without JavaScript the "Save and come back later" button does the same. The form is
// POSTed to its own URL with the header X-Autosave: 1; the server answers 204 with the assessment's new version,
// which goes into the hidden "version" field so the next save does not conflict with this one.
;(function () {
  'use strict'

  const form = document.querySelector('form[data-autosave]')
  if (!form || typeof window.fetch !== 'function') return
  const status = document.querySelector('[data-autosave-status]')
  const version = form.querySelector('input[name="version"]')
  const intervalMs = 30 * 1000
  let dirty = false
  let saving = false
  let stopped = false
  let waitingSubmitter = null

  function say (text) {
    if (status) status.textContent = text
  }

  function time () {
    const now = new Date()
    return String(now.getHours()).padStart(2, '0') + ':' + String(now.getMinutes()).padStart(2, '0')
  }

  function save () {
    if (!dirty || saving || stopped) return
    saving = true
    dirty = false
    const body = new FormData(form)
    body.append('later', '1')
    window.fetch(form.action || window.location.href, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { 'X-Autosave': '1' }
    }).then(function (response) {
      if (response.status === 204) {
        const next = response.headers.get('X-Assessment-Version')
        if (next && version) version.value = next
        say('Saved at ' + time())
      } else if (response.status === 409) {
        stopped = true
        say('Someone else changed this assessment since you opened it. Save the page to see what changed; your answers are kept.')
      } else {
        dirty = true
        say('Not saved automatically. Use "Save and come back later".')
      }
    }).catch(function () {
      dirty = true
      say('Not saved automatically: check your connection.')
    }).finally(function () {
      saving = false
      // The user pressed a button while this save was on its way: send their form now, with the new version.
      if (waitingSubmitter !== null) {
        const submitter = waitingSubmitter
        waitingSubmitter = null
        stopped = true
        if (typeof form.requestSubmit === 'function') form.requestSubmit(submitter || undefined)
        else form.submit()
      }
    })
  }

  form.addEventListener('input', function () { dirty = true })
  form.addEventListener('change', function () { dirty = true; save() })
  form.addEventListener('submit', function (event) {
    if (saving) {
      event.preventDefault()
      waitingSubmitter = event.submitter || false
      return
    }
    stopped = true
  })
  window.setInterval(save, intervalMs)
})()
