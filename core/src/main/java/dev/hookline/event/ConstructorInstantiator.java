package dev.hookline.event;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;

/**
 * Makes a value through its constructor with a method handle that takes the arguments as an array, prepared once.
 * Jackson 3 calls {@code MethodHandle.invokeWithArguments} for every value, which on JDK 17 builds a spreading
 * handle each time: a record of the event's data cost about a hundred bytes and tens of nanoseconds more than the
 * call. Everything else, including how a constructor's exception is reported, is Jackson's
 * {@link StdValueInstantiator}.
 */
final class ConstructorInstantiator extends StdValueInstantiator {

    /** Puts this instantiator in place of Jackson's own where a value is made through a constructor with arguments. */
    static final ValueInstantiators INSTANTIATORS = new ValueInstantiators.Base() {
        @Override
        public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
                                                         BeanDescription.Supplier beanDescRef,
                                                         ValueInstantiator jackson) {
            return of(jackson);
        }
    };

    /** The constructor, as {@code (Object[]) -> Object}. */
    private final MethodHandle constructor;

    private ConstructorInstantiator(StdValueInstantiator jackson, MethodHandle constructor) {
        super(jackson);
        this.constructor = constructor;
    }

    /**
     * This instantiator for a value Jackson makes with its standard instantiator through a constructor taking
     * arguments; {@code jackson} itself for anything else, or when the constructor cannot be reached from here.
     */
    static ValueInstantiator of(ValueInstantiator jackson) {
        // only Jackson's own class: a subclass may make values its own way
        if (jackson.getClass() != StdValueInstantiator.class
                || !(((StdValueInstantiator) jackson).getWithArgsCreator() instanceof AnnotatedConstructor creator)
                || creator.getParameterCount() == 0) {
            return jackson;
        }
        MethodHandle handle;
        try {
            // Jackson has made the constructor accessible where its configuration allows, as it calls it too
            handle = MethodHandles.lookup().unreflectConstructor(creator.getAnnotated());
        } catch (IllegalAccessException | RuntimeException e) {
            return jackson;
        }
        int count = creator.getParameterCount();
        MethodHandle spread = handle.asType(MethodType.genericMethodType(count)).asSpreader(Object[].class, count);
        return new ConstructorInstantiator((StdValueInstantiator) jackson, spread);
    }

    @Override
    public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) throws JacksonException {
        try {
            return (Object) constructor.invokeExact(args);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return ctxt.handleInstantiationProblem(getValueClass(), args, rewrapCtorProblem(ctxt, e));
        }
    }
}
