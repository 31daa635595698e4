// Photo uploads with a preview and a progress bar per file (progressive enhancement: the
// form works without this). Each file goes in its own request, one after the other, so a
// failed file can be sent again without the others or the rest of the page being lost.
// No inline script, no eval: the page's CSP allows only files from this origin.
(function () {
  "use strict";

  var form = document.querySelector("form[data-photo-upload]");
  if (!form || !window.XMLHttpRequest || !window.FormData) {
    return;
  }
  var input = form.querySelector("input[type=file]");
  var token = form.querySelector("input[name=csrf_token]");
  if (!input || !token) {
    return;
  }
  var labels = form.dataset;
  var list = null;
  var queue = [];
  var busy = false;

  function text(tag, className, content) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    el.textContent = content;
    return el;
  }

  // A small preview drawn on a canvas: the CSP allows data: images, not blob: URLs.
  function preview(file, li) {
    if (!window.createImageBitmap) {
      return;
    }
    createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, 240 / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      if (bitmap.close) {
        bitmap.close();
      }
      var img = document.createElement("img");
      img.alt = "";
      img.src = canvas.toDataURL("image/jpeg", 0.7);
      li.insertBefore(img, li.firstChild);
    }).catch(function () {
      // Not decodable here (HEIC, say): the server will say why it refuses it.
    });
  }

  function render(files) {
    if (list) {
      list.remove();
    }
    list = document.createElement("ul");
    list.id = "upload-progress";
    list.setAttribute("aria-live", "polite");
    // After the input's paragraph (a list cannot sit inside a <p>), else the input itself.
    var anchor = input.closest("p") || input;
    anchor.insertAdjacentElement("afterend", list);
    queue = [];
    Array.prototype.forEach.call(files, function (file) {
      var li = document.createElement("li");
      li.className = "upload-item";
      li.dataset.name = file.name;
      li.appendChild(text("p", "upload-name", file.name));
      var bar = document.createElement("progress");
      bar.max = 1;
      bar.value = 0;
      li.appendChild(bar);
      li.appendChild(text("p", "upload-status", labels.labelWaiting));
      list.appendChild(li);
      preview(file, li);
      queue.push({ file: file, li: li });
    });
  }

  function status(item, state, message) {
    if (state) {
      item.li.dataset.state = state;
    } else {
      delete item.li.dataset.state;
    }
    item.li.querySelector(".upload-status").textContent = message;
    var retry = item.li.querySelector(".upload-retry");
    if (retry) {
      retry.remove();
    }
  }

  // The reason the server gave, from its result page (parsed, never inserted as HTML).
  function reason(xhr) {
    var doc = xhr.responseXML;
    var refused = doc && (doc.querySelector(".refused") || doc.querySelector("#upload-stopped") ||
      doc.querySelector("#error-title"));
    return refused ? refused.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function failed(item, xhr) {
    var why = xhr ? reason(xhr) : "";
    status(item, "failed", labels.labelFailed + (why ? " — " + why : ""));
    var retry = text("button", "upload-retry", labels.labelRetry);
    retry.type = "button";
    retry.addEventListener("click", function () {
      status(item, null, labels.labelWaiting);
      item.li.querySelector("progress").value = 0;
      queue.push(item);
      next();
    });
    item.li.appendChild(retry);
  }

  // Puts the photos the server now has into the page's list, keeping this one as it is.
  function refresh() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", window.location.pathname);
    xhr.responseType = "document";
    xhr.onload = function () {
      var fresh = xhr.responseXML && xhr.responseXML.querySelector(".photo-list");
      var current = document.querySelector(".photo-list");
      if (xhr.status !== 200 || !fresh || !current) {
        window.location.reload();
        return;
      }
      current.replaceWith(document.importNode(fresh, true));
      var none = document.getElementById("photo-none-yet");
      if (none) {
        none.remove();
      }
    };
    xhr.onerror = function () {
      window.location.reload();
    };
    xhr.send();
  }

  function next() {
    if (busy) {
      return;
    }
    var item = queue.shift();
    if (!item) {
      var items = list ? list.querySelectorAll(".upload-item") : [];
      var done = list ? list.querySelectorAll('.upload-item[data-state="done"]') : [];
      var pending = Array.prototype.some.call(items, function (li) {
        return !li.dataset.state;
      });
      if (done.length > 0 && !pending) {
        refresh();
      }
      return;
    }
    busy = true;
    var bar = item.li.querySelector("progress");
    status(item, "sending", labels.labelSending);
    var data = new FormData();
    // The token first: the server checks it before it reads any file.
    data.append("csrf_token", token.value);
    data.append(input.name, item.file, item.file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-CSRF-Token", token.value);
    xhr.responseType = "document";
    xhr.upload.onprogress = function (event) {
      if (event.lengthComputable) {
        bar.value = event.loaded / event.total;
      }
    };
    xhr.onload = function () {
      busy = false;
      // Accepted: the server redirects to the editor, which the request follows.
      if (xhr.status >= 200 && xhr.status < 300) {
        bar.value = 1;
        status(item, "done", labels.labelDone);
      } else {
        failed(item, xhr);
      }
      next();
    };
    xhr.onerror = xhr.onabort = function () {
      busy = false;
      failed(item, null);
      next();
    };
    xhr.send(data);
  }

  input.addEventListener("change", function () {
    render(input.files);
  });

  form.addEventListener("submit", function (event) {
    if (!input.files || input.files.length === 0) {
      return;
    }
    event.preventDefault();
    if (!list || queue.length === 0 && !list.querySelector(".upload-item:not([data-state])")) {
      render(input.files);
    }
    next();
  });
})();
