;;; carekit.el --- carekit's language server through eglot  -*- lexical-binding: t -*-
;; Add to your init file; needs `carekit' on PATH and eglot (built into Emacs 29; on
;; older Emacs install it from GNU ELPA). The server answers only for drafts (YAML files
;; that say `carekit: 1'); quick fixes are `M-x eglot-code-actions'.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((yaml-mode yaml-ts-mode) . ("carekit" "lsp"))))
(add-hook 'yaml-mode-hook #'eglot-ensure)
(add-hook 'yaml-ts-mode-hook #'eglot-ensure)
