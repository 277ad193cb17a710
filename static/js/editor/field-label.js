// The editable area that replaces a rich-text field's textarea is named by that
// field's label, so screen readers announce which field (and language) it is.
import { Extension, Plugin } from "django-prose-editor/editor"

export const FieldLabel = Extension.create({
  name: "fieldLabel",

  addProseMirrorPlugins() {
    const textarea = this.editor.options.element.querySelector("textarea")
    const label = textarea?.id && document.querySelector(`label[for="${textarea.id}"]`)
    if (!label) return []
    label.id ||= `${textarea.id}-label`
    return [new Plugin({ props: { attributes: { "aria-labelledby": label.id } } })]
  },
})
