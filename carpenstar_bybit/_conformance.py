"""Typed assignments that make ``mypy --strict`` prove each DTO satisfies its PHP interface."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carpenstar_bybit.Core.Interfaces import (
        ICollectionInterface,
        ICurlResponseDtoInterface,
        IEndpointInterface,
        IParametersInterface,
        IResponseHandlerInterface,
    )
    from carpenstar_bybit.Core.Objects.Collection import EntityCollection
    from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
    from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
    from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Interfaces import (
        ICancelAllOrderRequestInterface,
        ICancelAllOrderResponseInterface,
    )
    from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
        CancelAllOrderRequest,
    )
    from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Response import (
        CancelAllOrderResponse,
    )
    from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
    from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Interfaces import (
        ICancelOrderRequestInterface,
        ICancelOrderResponseInterface,
    )
    from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
    from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Response import (
        CancelOrderResponse,
    )

    def _conforms(
        cancel_request: CancelOrderRequest,
        cancel_response: CancelOrderResponse,
        cancel_all_request: CancelAllOrderRequest,
        cancel_all_response: CancelAllOrderResponse,
        answer: CurlResponseDto[Any],
        handler: CurlResponseHandler,
        collection: EntityCollection[CancelOrderResponse],
        cancel: CancelOrder,
        cancel_all: CancelAllOrder,
    ) -> None:
        _a: ICancelOrderRequestInterface = cancel_request
        _b: ICancelOrderResponseInterface = cancel_response
        _c: ICancelAllOrderRequestInterface = cancel_all_request
        _d: ICancelAllOrderResponseInterface = cancel_all_response
        _e: ICurlResponseDtoInterface = answer
        _f: IResponseHandlerInterface = handler
        _g: ICollectionInterface[CancelOrderResponse] = collection
        _h: IEndpointInterface = cancel
        _i: IEndpointInterface = cancel_all
        _j: IParametersInterface = cancel_request
        _k: IParametersInterface = cancel_all_request
