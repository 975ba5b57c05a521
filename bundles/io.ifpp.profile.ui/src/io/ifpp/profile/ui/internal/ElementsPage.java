package io.ifpp.profile.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.forms.widgets.FormToolkit;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.ui.part.MultiPageSelectionProvider;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;

import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.ui.Widgets;

/** Every element of the package as a tree; key material and codes are masked. */
final class ElementsPage extends ProfileFormPage {

    static final String ID = "elements";

    /** Components whose octets are keys or codes: shown by length only. */
    static final Set<String> SECRET_COMPONENTS = Set.of("key", "opc", "pinValue", "pukValue", "keyData", "authenticationKey",
            "ssd", "hrpdAccessAuthenticationData", "simpleIPAuthenticationData", "mobileIPAuthenticationData");

    /** A row of the tree: its label and, for the children, its value; the Properties view shows its details. */
    record Node(String label, Asn1Value value, int elementIndex, boolean secret) implements IAdaptable {

        @Override
        public <T> T getAdapter(Class<T> adapter) {
            return adapter == IPropertySource.class ? adapter.cast(new NodeProperties(this)) : null;
        }
    }

    /** Read-only properties of a tree row: kind, value (masked for keys and codes), length, element. */
    private record NodeProperties(Node node) implements IPropertySource {

        private static final String[] IDS = { "Kind", "Value", "Length", "Element" };

        @Override
        public Object getEditableValue() {
            return null;
        }

        @Override
        public IPropertyDescriptor[] getPropertyDescriptors() {
            IPropertyDescriptor[] descriptors = new IPropertyDescriptor[IDS.length];
            for (int i = 0; i < IDS.length; i++) {
                descriptors[i] = new PropertyDescriptor(IDS[i], IDS[i]);
            }
            return descriptors;
        }

        @Override
        public Object getPropertyValue(Object id) {
            Asn1Value value = node.value();
            return switch ((String) id) {
                case "Kind" -> value.getClass().getSimpleName().replace("Value", "").toUpperCase();
                case "Value" -> value instanceof Asn1Value.OctetStringValue octets
                        ? (node.secret() ? SecurityPage.MASK : octets.toString()) : child(node.label(), value, -1, node.secret()).label();
                case "Length" -> value instanceof Asn1Value.OctetStringValue octets ? octets.length() + " bytes" : "";
                case "Element" -> "value" + (node.elementIndex() + 1);
                default -> "";
            };
        }

        @Override
        public boolean isPropertySet(Object id) {
            return false;
        }

        @Override
        public void resetPropertyValue(Object id) {
            // read-only
        }

        @Override
        public void setPropertyValue(Object id, Object value) {
            // read-only: edits go through the pages, so that they are validated and undoable
        }
    }

    private TreeViewer viewer;

    ElementsPage(ProfileEditor editor) {
        super(editor, ID, "Elements");
    }

    @Override
    void createContent(FormToolkit toolkit, Composite body) {
        viewer = new TreeViewer(toolkit.createTree(body, SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL));
        Widgets.tag(viewer.getTree(), "elements.tree");
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(SWT.DEFAULT, 400).applyTo(viewer.getTree());
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                List<Asn1Value> elements = profileEditor().profile().toPackage().elements();
                List<String> kinds = profileEditor().profile().toPackage().elementKinds();
                Node[] roots = new Node[elements.size()];
                for (int i = 0; i < roots.length; i++) {
                    Asn1Value element = elements.get(i);
                    roots[i] = new Node("value" + (i + 1) + " " + kinds.get(i), element instanceof Asn1Value.ChoiceValue c
                            ? c.value() : element, i, false);
                }
                return roots;
            }

            @Override
            public Object[] getChildren(Object parent) {
                return children((Node) parent).toArray();
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return !children((Node) element).isEmpty();
            }
        });
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return ((Node) element).label();
            }
        });
        viewer.setInput(this);
        // The editor's site provides the selection of the multi-page editor: pass the tree's on to it, so that the
        // Properties view (and any other selection listener) sees the element chosen here.
        viewer.addSelectionChangedListener(event -> {
            if (getEditor().getSite().getSelectionProvider() instanceof MultiPageSelectionProvider provider) {
                SelectionChangedEvent forwarded = new SelectionChangedEvent(provider, event.getSelection());
                provider.fireSelectionChanged(forwarded);
                provider.firePostSelectionChanged(forwarded);
            }
        });
    }

    private static List<Node> children(Node node) {
        List<Node> children = new ArrayList<>();
        switch (node.value()) {
            case Asn1Value.SequenceValue sequence -> {
                for (Asn1Value.Field field : sequence.fields()) {
                    String name = field.name() == null ? "(extension)" : field.name();
                    children.add(child(name, field.value(), node.elementIndex(), node.secret() || SECRET_COMPONENTS.contains(name)));
                }
            }
            case Asn1Value.SequenceOfValue list -> {
                for (int i = 0; i < list.elements().size(); i++) {
                    children.add(child("[" + i + "]", list.elements().get(i), node.elementIndex(), node.secret()));
                }
            }
            case Asn1Value.ChoiceValue choice -> children.add(child(choice.alternative(), choice.value(), node.elementIndex(),
                    node.secret() || SECRET_COMPONENTS.contains(choice.alternative())));
            default -> {
            }
        }
        return children;
    }

    private static Node child(String name, Asn1Value value, int elementIndex, boolean secret) {
        String text = switch (value) {
            case Asn1Value.OctetStringValue octets -> secret ? SecurityPage.MASK + " (" + octets.length() + " bytes)" : octets.toString();
            case Asn1Value.IntegerValue integer -> integer.value().toString();
            case Asn1Value.StringValue string -> "\"" + string.value() + "\"";
            case Asn1Value.ObjectIdentifierValue oid -> oid.dotted();
            case Asn1Value.BooleanValue bool -> Boolean.toString(bool.value());
            case Asn1Value.NullValue nothing -> "NULL";
            case Asn1Value.ChoiceValue choice -> ": " + choice.alternative();
            case Asn1Value.UnknownValue unknown -> "unknown " + unknown.tag();
            default -> "";
        };
        return new Node(text.isEmpty() ? name : name + " " + text, value, elementIndex, secret);
    }

    @Override
    void update() {
        viewer.refresh();
    }

    /** Selects and reveals the element at {@code index} (from a Problems view marker). */
    void select(int index) {
        Object[] roots = ((ITreeContentProvider) viewer.getContentProvider()).getElements(this);
        if (index >= 0 && index < roots.length) {
            viewer.setSelection(new StructuredSelection(roots[index]), true);
            viewer.getTree().setFocus();
        }
    }
}
